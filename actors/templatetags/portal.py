from html import unescape

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language_info, override

from actors.i18n import language_name, language_tag, offered_languages

register = template.Library()

DESCRIPTION_LENGTH = 160  # what search engines show of a page's description


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language the portal speaks; `absolute_url` for the alternate
    links search engines read, `default` for the language a visitor gets at the site's root."""
    request = context.get("request")
    links = []
    for code in offered_languages():
        url = _page_in(request, code) if request else "/"
        links.append(
            {
                "code": code,
                "tag": language_tag(code),
                "name": language_name(code),
                "bidi": get_language_info(code)["bidi"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


@register.filter
def bcp47(code: str) -> str:
    """The `lang` attribute's tag for a language code (easy Swedish: `sv-x-plain`)."""
    return language_tag(code)


@register.filter
def meta_description(text) -> str:
    """A page's own text as its description for search engines: plain, on one line, short."""
    # Entities are undone after the tags are gone: the template escapes the result once.
    plain = " ".join(unescape(strip_tags(str(text or ""))).split())
    return Truncator(plain).chars(DESCRIPTION_LENGTH)


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
