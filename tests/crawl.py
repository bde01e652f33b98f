"""Pages as a visitor finds them: follow every link (and the search box) from the start page and
the dashboard.

Tests that must cover "every page" take their list from here rather than from a hand-kept one,
so a page that a link leads to is checked as soon as a link leads to it. One page is fetched per
URL pattern, language and set of query parameters (one initiative stands for all of them).
"""

from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

# Files, not pages; and the one link that ends the visit.
SKIPPED_PREFIXES = ("/static/", "/media/")
SKIPPED_VIEWS = {"account_logout", "admin:logout"}


@dataclass(frozen=True)
class Visit:
    """One fetched page: where it was found, what it answered."""

    url: str
    view_name: str
    language: str
    status: int
    content_type: str
    html: str | None
    found_on: str


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            href = attrs.get("href")
            if href:
                self.hrefs.append(href)
        elif (
            tag == "form"
            and attrs.get("role") == "search"
            and attrs.get("action")
            and attrs.get("method", "get").lower() == "get"
        ):
            # A search box leads to its results page as a link would: sent empty, as a visitor
            # who presses the button first does.
            self.hrefs.append(attrs["action"])


def links_in(html: str, base: str) -> list[str]:
    """The site-relative addresses of a page's links, fragments dropped."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        if parts.scheme == "" and href.startswith(("mailto:", "tel:")):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def page_key(url: str, *, with_query: bool, skipped_views: tuple[str, ...] = ()) -> tuple | None:
    """What makes a page a different page for the crawl, or None for one not to fetch."""
    parts = urlsplit(url)
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    language = get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    # A fetched /en/ page leaves English active in this thread, and unprefixed Swedish paths
    # resolve only while Swedish is.
    with translation.override(language):
        try:
            view_name = resolve(parts.path).view_name
        except Resolver404:
            view_name = f"unresolved:{parts.path}"
    if view_name in SKIPPED_VIEWS or view_name.startswith(skipped_views):
        return None
    query = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    # The admin's filters and sort orders make thousands of combinations of the same few pages.
    with_query = with_query and not view_name.startswith("admin:")
    return (view_name, language, query if with_query else ())


def crawl(
    client,
    starts: list[str],
    *,
    with_query: bool = False,
    limit: int = 3000,
    skipped_views: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("sv", "en"),
) -> list[Visit]:
    """Fetch every page reachable from `starts` by links, one per page key, breadth first;
    views whose names start with one of `skipped_views` (e.g. "admin:") are left out, and so are
    pages in languages other than `languages` (Swedish and English unless a test asks for the
    other languages a collaboration offers)."""
    queue = deque((url, "") for url in starts)
    seen: set[tuple] = set()
    visits: list[Visit] = []
    while queue and len(visits) < limit:
        url, found_on = queue.popleft()
        key = page_key(url, with_query=with_query, skipped_views=skipped_views)
        if key is None or key in seen or key[1] not in languages:
            continue
        seen.add(key)
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        html = None
        if content_type.startswith("text/html") and not response.streaming:
            html = response.content.decode()
            queue.extend((link, url) for link in links_in(html, url))
        visits.append(
            Visit(
                url=url,
                view_name=key[0],
                language=key[1],
                status=response.status_code,
                content_type=content_type,
                html=html,
                found_on=found_on,
            )
        )
    return visits
