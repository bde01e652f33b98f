"""Every public page declares the query parameters it reads, since the page cache hides the others
from it: a filter left undeclared would silently stop working for visitors."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.http import QueryDict

from actors.pagecache import declared_query
from tests.crawl import crawl

pytestmark = pytest.mark.django_db


class RecordingQueryDict(QueryDict):
    """A query string that notes each parameter a view asks for, present or not."""

    def __init__(self, *args, asked: set, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = asked

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)


class RecordQueryReads:
    """Test middleware: the parameters each view asked for, beside those it declared."""

    seen: dict[str, tuple[set, frozenset]] = {}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        asked = set()
        request.GET = RecordingQueryDict(request.GET.urlencode(), asked=asked)
        self.seen[request.resolver_match.view_name] = (asked, declared_query(view_func))


def test_every_public_page_declares_the_parameters_it_reads(client, settings):
    call_command("seed_demo", stdout=StringIO())
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.RecordQueryReads"]
    RecordQueryReads.seen.clear()
    public = {
        visit.view_name
        for visit in crawl(client, ["/", "/en/"])
        if visit.status == 200
        and not visit.url.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
    }
    # A template's `request.GET.urlencode` is first tried as a key: a method, not a parameter.
    undeclared = {
        name: sorted(key for key in asked - declared if not hasattr(QueryDict, key))
        for name, (asked, declared) in RecordQueryReads.seen.items()
        if name in public
    }
    undeclared = {name: keys for name, keys in undeclared.items() if keys}
    assert len(public) >= 25
    assert undeclared == {}
