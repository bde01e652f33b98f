"""The admin deletes an account the way the person's own request does (`account_remove`): its
address is forgotten wherever it came in without the account, and an event records it. Django's
own delete would leave the address in the newsletter, the follows and the ideas."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actors.admin import UserAdmin
from actors.models import User

from .services import account_deletion_blocked, account_remove


class ForgettingUserAdmin(UserAdmin):
    actions = ["remove_selected"]

    def get_actions(self, request):
        # Django's bulk delete reports every row deleted, also one the service refused.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # The last account that can run the portal offers no delete button at all.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or account_deletion_blocked(user=obj) is None)

    def delete_model(self, request, obj):
        self._remove(request, [obj])

    @admin.action(description=_("Delete the selected accounts and forget their addresses"))
    def remove_selected(self, request, queryset):
        removed = self._remove(request, list(queryset))
        if removed:
            self.message_user(
                request,
                ngettext("%(count)d account deleted.", "%(count)d accounts deleted.", removed)
                % {"count": removed},
                messages.SUCCESS,
            )

    def _remove(self, request, users) -> int:
        removed = 0
        for user in users:
            try:
                account_remove(user=user, actor=request.user)
            except ValidationError as refusal:
                self.message_user(request, f"{user}: {refusal.messages[0]}", messages.ERROR)
            else:
                removed += 1
        return removed


admin.site.unregister(User)
admin.site.register(User, ForgettingUserAdmin)
