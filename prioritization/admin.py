from django.contrib import admin

from .models import FocusArea, TargetGroup


@admin.register(FocusArea, TargetGroup)
class OrderedNameAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "name_en", "position"]
    prepopulated_fields = {"slug": ["name_sv"]}
