"""The search box's results page: what it finds, for whom, how it marks the words, what it does
with input nobody should type, and how many queries it runs. Every test runs on PostgreSQL (full
text search) and on SQLite (the plain fallback) alike, unless marked postgresql."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from focusgroups.choices import IdeaStatus
from portal import search
from tests.factories import OrganisationFactory, translated
from tests.focusgroups.factories import IdeaFactory
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import FocusAreaFactory, NeedFactory
from tests.workshops.factories import ItemFactory, WorkshopFactory
from workshops.choices import ItemKind, MinutesState, WorkshopStatus
from workshops.demo import DECISIONS
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

URL = reverse("portal:search")


def found(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def hits(response) -> list:
    return response.context["result"].hits


# A coordinator finds last spring's decision -------------------------------------------------------


def last_springs_decision(*, years: int) -> Workshop:
    """`years` of workshops every other week, each with two of the demo's decisions; last
    spring's, published, has the one a coordinator remembers of it."""
    today = timezone.localdate()
    for number in range(26 * years):
        day = today - datetime.timedelta(days=14 * (number + 1))
        workshop = WorkshopFactory(
            starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(17))),
            minutes_state=MinutesState.PUBLISHED,
        )
        for text_sv, text_en in (DECISIONS[number % 8], DECISIONS[(number + 3) % 8]):
            translated(ItemFactory(workshop=workshop, text_sv=text_sv), text=text_en)
    spring = WorkshopFactory(
        starts_at=timezone.make_aware(datetime.datetime(today.year - 1, 4, 16, 17)),
        theme_sv="Läxhjälp och bibliotek",
        minutes_state=MinutesState.PUBLISHED,
    )
    translated(
        ItemFactory(
            workshop=spring,
            text_sv="Läxhjälpen flyttar till biblioteket i Husby från och med april.",
        ),
        text="Homework help moves to the Husby library from April.",
    )
    return spring


def test_a_coordinator_finds_last_springs_decision_by_typing_two_words(client_for):
    spring = last_springs_decision(years=2)

    response = client_for("coordinator").get(URL, {"q": "läxhjälp biblioteket"})

    first = hits(response)[0]
    assert first.kind == "decision"
    assert first.url == reverse("workshops:detail", args=[spring.pk]) + "#decisions-title"
    assert timezone.localdate(first.date) == datetime.date(timezone.localdate().year - 1, 4, 16)
    assert "<mark>biblioteket</mark>" in first.extract
    assert "flyttar till <mark>biblioteket</mark> i Husby" in found(response)


@pytest.mark.postgresql
def test_swedish_words_are_found_in_another_form():
    """Swedish stemming: "kvällsaktivitet" finds "kvällsaktiviteter", "våren" finds "vår"."""
    workshop = WorkshopFactory(minutes_state=MinutesState.PUBLISHED)
    translated(ItemFactory(workshop=workshop, text_sv=DECISIONS[0][0]), text=DECISIONS[0][1])

    result = search.search(user=AnonymousUser(), query="kvällsaktivitet vår")

    assert [hit.kind for hit in result.hits] == ["decision"]
    assert "<mark>kvällsaktiviteter</mark>" in result.hits[0].extract


@pytest.mark.postgresql
def test_english_words_are_stemmed_in_english(client):
    translated(NeedFactory(title_sv="Trygga vägar hem"), title="Safe ways home in the evenings")

    response = client.get("/en/search/", {"q": "evening"})

    assert [hit.title for hit in hits(response)] == ["Safe ways home in the <mark>evenings</mark>"]


def test_a_somali_reader_finds_a_need_by_its_somali_words_and_reads_it_in_somali(
    client, every_language
):
    translated(
        NeedFactory(title_sv="Trygga vägar hem", description_sv="Belysning i parken."),
        "so",
        title="Waddooyin ammaan ah oo guriga loo maro",
        description="Iftiin beerta dhexdeeda.",
    )
    NeedFactory(title_sv="Läxhjälp")

    somali = hits(client.get("/so/search/", {"q": "waddooyin"}))
    swedish = hits(client.get("/so/search/", {"q": "trygga"}))

    assert [hit.title for hit in somali] == ["<mark>Waddooyin</mark> ammaan ah oo guriga loo maro"]
    # Found by its Swedish words too, and shown in Somali.
    assert [hit.title for hit in swedish] == ["Waddooyin ammaan ah oo guriga loo maro"]


def test_a_reader_of_a_language_with_no_translation_gets_the_swedish_text(client, every_language):
    NeedFactory(title_sv="Trygga vägar hem")

    found = hits(client.get("/ar/search/", {"q": "trygga"}))

    assert [hit.title for hit in found] == ["<mark>Trygga</mark> vägar hem"]


def test_every_kind_is_searched_and_titles_rank_first(client):
    area = FocusAreaFactory(name_sv="Trygghet", description_sv="Att känna sig trygg i Husby.")
    mention = NeedFactory(title_sv="Fritid", description_sv="Trygghet nämns ibland.")
    InitiativeFactory(title_sv="Trygghet på kvällen", step="decision")
    OrganisationFactory(name="Trygghet i Järva", description_sv="En förening.")
    WorkshopFactory(theme_sv="Trygghet i trapphuset", minutes_state=MinutesState.PUBLISHED)
    NeedFactory(title_sv="Behov").ideas.add(
        IdeaFactory(title="Mer trygghet", status=IdeaStatus.ACCEPTED)
    )

    result = client.get(URL, {"q": "trygghet"}).context["result"]

    assert {kind for kind, _label, count in result.counts if count} == {
        "focus_area",
        "need",
        "initiative",
        "organisation",
        "workshop",
        "idea",
    }
    urls = [hit.url for hit in result.hits]
    # A title that is the word ranks above a text that only mentions it.
    assert urls.index(area.get_absolute_url()) < urls.index(mention.get_absolute_url())
    assert urls[-1] == mention.get_absolute_url()


def test_one_kind_is_paged_through(client):
    for number in range(search.PAGE_SIZE + 3):
        NeedFactory(title_sv=f"Mötesplats {number}")

    first = client.get(URL, {"q": "mötesplats", "kind": "need"}).context["result"]
    second = client.get(URL, {"q": "mötesplats", "kind": "need", "page": "2"}).context["result"]

    assert len(first.hits) == search.PAGE_SIZE
    assert len(second.hits) == 3
    assert second.page.number == 2
    assert {kind: count for kind, _label, count in second.counts}["need"] == 23


# Marked words, never anyone's markup --------------------------------------------------------------


def test_what_people_wrote_is_escaped_and_only_the_words_are_marked(client):
    NeedFactory(
        title_sv='<script>alert("x")</script> Trygghet',
        description_sv="<b>fet</b> trygghet & <i>mer</i>",
    )

    page = found(client.get(URL, {"q": "trygghet"}))

    assert "<script>alert" not in page
    assert "<b>fet</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Trygghet</mark>" in page
    # PostgreSQL's extracts leave tags out; the fallback escapes them: no markup either way.
    assert "<mark>trygghet</mark> &amp;" in page


def test_stray_highlight_characters_in_a_text_make_no_markup():
    assert search.marked("a \ue001 b \ue000c") == "a  b <mark>c</mark>"
    assert search.marked("<\ue000x\ue001>") == "&lt;<mark>x</mark>&gt;"


# Bad input ----------------------------------------------------------------------------------------


def test_an_empty_search_shows_how_to_search_and_searches_nothing(
    client, django_assert_num_queries
):
    client.get(URL)  # the site settings, then cached
    with django_assert_num_queries(0):
        response = client.get(URL, {"q": "   "})
    assert response.context["result"].hits == []
    assert "Skriv några ord" in found(response)


def test_a_search_of_2000_characters_is_cut_and_says_so(client):
    NeedFactory(title_sv="Mötesplats")
    response = client.get(URL, {"q": "mötesplats " + "x" * 2500})

    page = found(response)
    assert len(response.context["search_query"]) <= search.MAX_QUERY_LENGTH
    assert "Din sökning var längre än 200 tecken" in page


@pytest.mark.parametrize(
    "query",
    [
        "trygghet & | ! : * ( ) <-> ",
        "!trygghet",
        "trygghet:*",
        "(trygghet",
        "trygghet <-> <->",
        "'",
        '"',
        '"trygghet',
        "trygghet'",
        "'; DROP TABLE prioritization_need; --",
        "\\",
        "%_%",
        "OR",
        "-",
        "مرحبا trygghet",
        "trygghet مرحبا",
        "🙂",
        "a\u200bb",
    ],
)
def test_operators_quotes_and_mixed_scripts_never_fail(client, query):
    NeedFactory(title_sv="Trygghet")
    found(client.get(URL, {"q": query}))
    found(client.get(URL, {"q": query, "kind": "need", "page": "x"}))


def test_mixed_scripts_are_found(client):
    NeedFactory(title_sv="Mötesplats för kvinnor", description_sv="مكان لقاء للنساء i Husby")

    assert [hit.kind for hit in hits(client.get(URL, {"q": "مكان Husby"}))] == ["need"]


def test_a_nul_character_gets_the_400_page(client):
    client.raise_request_exception = False
    assert client.get(URL, {"q": "trygg\x00het"}).status_code == 400


def test_control_characters_are_dropped_from_a_query():
    assert search.clean_query("trygg\x00het\n\t  hem ") == ("trygg het hem", False)


def test_an_unknown_kind_or_page_shows_every_kind(client):
    NeedFactory(title_sv="Trygghet")
    for params in ({"kind": "user"}, {"page": "²"}, {"page": "99999999"}, {"page": "-1"}):
        result = client.get(URL, {"q": "trygghet", **params}).context["result"]
        assert [hit.kind for hit in result.hits] == ["need"]


# Who finds what -----------------------------------------------------------------------------------


@pytest.fixture
def hidden_things(organisation, other_organisation):
    """Something of each kind only some people may read, every one with the word "kvällsöppet"."""
    return {
        "draft_initiative": InitiativeFactory(
            title_sv="Kvällsöppet utkast", step="needs", lead_organisation=organisation
        ),
        "public_initiative": InitiativeFactory(
            title_sv="Kvällsöppet beslutad", step="decision", lead_organisation=other_organisation
        ),
        "draft_decision": ItemFactory(
            workshop=WorkshopFactory(minutes_state=MinutesState.DRAFT, theme_sv="Utkast"),
            kind=ItemKind.DECISION,
            text_sv="Kvällsöppet beslut i utkast",
        ),
        "draft_action": ItemFactory(
            workshop=WorkshopFactory(minutes_state=MinutesState.PUBLISHED, theme_sv="Publicerad"),
            kind=ItemKind.ACTION,
            text_sv="Kvällsöppet åtgärd",
        ),
        "draft_summary": WorkshopFactory(
            theme_sv="Tema",
            status=WorkshopStatus.HELD,
            minutes_state=MinutesState.DRAFT,
            summary_sv="Kvällsöppet i sammanfattningen",
        ),
        "awaiting_idea": IdeaFactory(title="Kvällsöppet idé", status=IdeaStatus.AWAITING),
        "unconfirmed_idea": IdeaFactory(
            title="Kvällsöppet obekräftad", status=IdeaStatus.UNCONFIRMED
        ),
        "declined_idea": IdeaFactory(title="Kvällsöppet nej", status=IdeaStatus.DECLINED),
        "inactive": OrganisationFactory(name="Kvällsöppet förr", active=False),
    }


# Which of hidden_things each role finds, besides the public initiative everyone finds.
SEES = {
    "anonymous": set(),
    "outsider": {"draft_decision", "draft_summary"},
    "member": {"draft_initiative", "draft_decision", "draft_summary"},
    "coordinator": {
        "draft_initiative",
        "draft_decision",
        "draft_summary",
        "awaiting_idea",
        "inactive",
    },
    "treasurer": {"draft_initiative", "draft_decision", "draft_summary"},
    "evaluator": {"draft_initiative", "draft_decision", "draft_summary"},
}


@pytest.mark.parametrize("role", SEES)
def test_each_role_finds_only_what_it_may_read(hidden_things, client_for, role):
    response = client_for(role).get(URL, {"q": "kvällsöppet"})

    urls = {hit.url for hit in hits(response)}
    expected = SEES[role] | {"public_initiative"}
    for name, thing in hidden_things.items():
        url = _url_of(name, thing)
        assert (url in urls) == (name in expected), f"{role} and {name}"
        if name in expected:
            # What the search leads to opens for the same person.
            assert client_for(role).get(url.split("#")[0]).status_code == 200, (role, name)


def _url_of(name, thing) -> str:
    if name.endswith("initiative"):
        return thing.get_absolute_url()
    if name.endswith(("decision", "action")):
        return reverse("workshops:detail", args=[thing.workshop_id]) + "#decisions-title"
    if name == "draft_summary":
        return thing.get_absolute_url()
    if name.endswith("idea"):
        return reverse("prioritization:idea_moderate", args=[thing.pk])
    return thing.get_absolute_url()


def test_an_idea_taken_up_as_a_need_leads_to_the_need(client):
    need = NeedFactory(title_sv="Läxhjälp")
    idea = IdeaFactory(title="Läxhjälp på biblioteket", status=IdeaStatus.ACCEPTED)
    need.ideas.add(idea)

    result = client.get(URL, {"q": "biblioteket"}).context["result"]

    assert [(hit.kind, hit.url) for hit in result.hits] == [("idea", need.get_absolute_url())]


def test_the_text_of_an_idea_is_for_coordinators_only(client_for):
    NeedFactory().ideas.add(
        IdeaFactory(title="Idé", text="Ett hemligt förslag", status=IdeaStatus.ACCEPTED)
    )

    assert hits(client_for("anonymous").get(URL, {"q": "hemligt"})) == []
    assert len(hits(client_for("coordinator").get(URL, {"q": "hemligt"}))) == 1


# Queries ------------------------------------------------------------------------------------------


@pytest.fixture(params=[1, 8], ids=["1-of-each", "8-of-each"])
def world(request, organisation):
    """`size` matching things of every kind."""
    size = request.param
    for number in range(size):
        area = FocusAreaFactory(name_sv=f"Trygghet {number}")
        NeedFactory(title_sv=f"Trygghet {number}", focus_area=area)
        InitiativeFactory(title_sv=f"Trygghet {number}", step="decision")
        IdeaFactory(title=f"Trygghet {number}", status=IdeaStatus.ACCEPTED).needs.add(
            NeedFactory(focus_area=area)
        )
        workshop = WorkshopFactory(
            theme_sv=f"Trygghet {number}", minutes_state=MinutesState.PUBLISHED
        )
        ItemFactory(workshop=workshop, text_sv=f"Trygghet {number}")
        OrganisationFactory(name=f"Trygghet {number}")
    return size


def anonymous_queries() -> int:
    """The site settings (cached between requests), then the kinds of thing searched: decisions,
    workshops, initiatives, needs, ideas, focus areas, actors; each brings its page of hits and
    how many there are. On PostgreSQL their statements go together, as one; the plain fallback
    asks one query each."""
    return 1 + (1 if connection.vendor == "postgresql" else len(search.SOURCES))


# Session, user, and the user's roles and organisations (kept for the request), then the same.
ANONYMOUS, COORDINATOR = 0, 3


@pytest.mark.parametrize(
    ("role", "params", "queries"),
    [
        ("anonymous", {}, ANONYMOUS),
        ("anonymous", {"kind": "need", "page": "1"}, ANONYMOUS),
        ("coordinator", {}, COORDINATOR),
        ("coordinator", {"kind": "decision"}, COORDINATOR),
    ],
)
def test_a_search_runs_the_same_queries_whatever_the_data(
    world, client_for, django_assert_num_queries, role, params, queries
):
    client = client_for(role)
    with django_assert_num_queries(queries + anonymous_queries()):
        response = client.get(URL, {"q": "trygghet", **params})
    assert response.context["result"].total >= world


def test_the_search_box_is_in_every_pages_header(client):
    page = found(client.get(reverse("portal:home")))
    assert f'action="{URL}"' in page
    assert 'role="search"' in page
    assert f'action="/en{URL}"' in found(client.get("/en/"))


def test_single_letters_beside_words_do_not_match_everything(client):
    NeedFactory(title_sv="Trygghet", description_sv="Allt om att vara trygg.")
    NeedFactory(title_sv="Fritid", description_sv="Allt om att ha roligt.")

    # PostgreSQL wants every word (a Swedish "a" too); the fallback leaves the letter out.
    assert len(hits(client.get(URL, {"q": "a & trygghet"}))) <= 1


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_a_search_asked_again_is_served_from_the_cache_until_something_changes(
    cache_on, client_for, django_assert_num_queries
):
    coordinator = client_for("coordinator").get(URL).wsgi_request.user
    NeedFactory(title_sv="Trygghet på kvällen")
    first = search.search(user=coordinator, query="trygghet")
    with django_assert_num_queries(0):
        again = search.search(user=coordinator, query="trygghet")
    assert [hit.title for hit in again.hits] == [hit.title for hit in first.hits]
    assert again.counts == first.counts

    NeedFactory(title_sv="Trygghet i parken")

    assert len(search.search(user=coordinator, query="trygghet").hits) == 2


def test_the_cache_never_shows_one_reader_what_only_another_may_read(
    cache_on, hidden_things, client_for
):
    # Every role asks the same search one after the other, twice, the cache kept between them.
    for role in [*SEES, *reversed(SEES)]:
        urls = {hit.url for hit in hits(client_for(role).get(URL, {"q": "kvällsöppet"}))}
        found = {name for name, thing in hidden_things.items() if _url_of(name, thing) in urls}
        assert found == SEES[role] | {"public_initiative"}, role
