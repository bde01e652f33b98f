"""Small helpers the views of this app and of the apps above it share."""

from django.core.paginator import Page, Paginator

PER_PAGE = 25


def page_of(request, queryset, per_page: int = PER_PAGE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
