from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language_info, override

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language the portal speaks."""
    request = context.get("request")
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": _page_in(request, code) if request else "/",
        }
        for code, _name in settings.LANGUAGES
    ]


def _page_in(request, language: str) -> str:
    """The request's own URL match is reversed in the other language: resolving the path again,
    as translate_url does, would try it against every pattern once per language."""
    match = request.resolver_match
    if match is None or match.url_name is None:
        return request.get_full_path()
    with override(language):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return f"{path}?{query}" if query else path
