"""Long lists are shown a page at a time, the same number of rows on every list of the portal.

Templates show the page with `partials/_pagination.html`.
"""

from django.core.paginator import Page, Paginator

PER_PAGE = 25


def page_of(request, items) -> Page:
    """The page of `items` that `?page=` asks for: the first for anything but a number, the last
    for a number past the end."""
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
