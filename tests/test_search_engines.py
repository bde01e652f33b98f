"""What search engines read in every page's head: a description of the page, and the page in
each language at an absolute address, with the default language as x-default."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from actors.templatetags.portal import DESCRIPTION_LENGTH, meta_description
from tests.factories import translated
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import NeedFactory

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The description and the alternate links of a page's <head>."""

    def __init__(self, html: str):
        super().__init__()
        self.descriptions, self.alternates, self.in_head = [], {}, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content", ""))
        elif self.in_head and tag == "link" and attrs.get("rel") == "alternate":
            self.alternates[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def public_pages(client, start: str, limit: int = 40) -> list[str]:
    """Pages an anonymous visitor reaches by links from `start`, at most `limit`."""
    seen, visited, queue = [], set(), [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        seen.append(url)
        page = response.content.decode()
        queue += [
            href.replace("&amp;", "&")
            for href in re.findall(r'href="(/[^"#?]*)"', page)
            if not re.search(r"^/(en/)?(static|media|accounts|admin)/|\.\w+$", href)
        ]
    return seen


@pytest.mark.parametrize("start", ["/", "/en/"])
def test_every_page_has_a_description_and_absolute_alternates(client, start):
    NeedFactory(description_sv="Unga saknar en trygg plats på kvällarna.")
    InitiativeFactory(step="proposal")
    pages = public_pages(client, start)
    assert len(pages) > 15
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        head = Head(response.content.decode())
        assert len(head.descriptions) == 1 and head.descriptions[0].strip(), url
        assert len(head.descriptions[0]) <= DESCRIPTION_LENGTH, url
        assert set(head.alternates) == {"sv", "en", "x-default"}, url
        assert all(href.startswith("http://testserver/") for href in head.alternates.values())
        assert head.alternates["x-default"] == head.alternates["sv"], url
        assert head.alternates["en"].startswith("http://testserver/en/"), url


def test_an_initiative_is_described_by_its_summary_in_the_page_language(client):
    initiative = translated(
        InitiativeFactory(step="proposal", summary_sv="Läxhjälp och mellanmål."),
        summary="Homework help.",
    )
    url = initiative.get_absolute_url()
    head = Head(client.get(url).content.decode())
    assert head.descriptions == ["Läxhjälp och mellanmål."]
    head = Head(client.get("/en" + url).content.decode())
    assert head.descriptions == ["Homework help."]
    assert head.alternates["sv"] == f"http://testserver{url}"


def test_a_need_is_described_by_its_text_or_else_its_title(client):
    need = NeedFactory(description_sv="Unga saknar en trygg plats på kvällarna.\n\nMer text.")
    head = Head(client.get(need.get_absolute_url()).content.decode())
    assert head.descriptions == ["Unga saknar en trygg plats på kvällarna. Mer text."]
    bare = NeedFactory(title_sv="Tryggare väg hem")
    assert Head(client.get(bare.get_absolute_url()).content.decode()).descriptions == [
        "Tryggare väg hem"
    ]


def test_a_page_without_text_of_its_own_is_described_by_the_collaboration(client):
    head = Head(client.get(reverse("initiatives:initiative_list")).content.decode())
    assert head.descriptions == [
        "Collective Impact: invånare och lokala aktörer som tillsammans arbetar för hälsa och "
        "välbefinnande, från behov till resultat."
    ]


def test_the_description_is_plain_one_line_and_short():
    text = "<p>Ett  &amp; två</p>\n\n" + "ord " * 100
    description = meta_description(text)
    assert description.startswith("Ett & två ord ord") and "\n" not in description
    assert len(description) == DESCRIPTION_LENGTH and description.endswith("…")
