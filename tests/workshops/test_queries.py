"""Every workshops page runs the same number of queries with 10 and with 500 workshops."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from workshops.choices import ItemKind, MinutesState, WorkshopStatus
from workshops.models import Attendance, ThemeSuggestion, Workshop, WorkshopItem

pytestmark = pytest.mark.django_db


def make_history(size: int, organisations) -> dict:
    """`size` held workshops, each with attendance, a decision, an action and an idea."""
    now = timezone.now()
    held = Workshop.objects.bulk_create(
        Workshop(
            starts_at=now - datetime.timedelta(days=14 * (n + 1)),
            theme_sv=f"Tema {n}",
            status=WorkshopStatus.HELD,
            minutes_state=MinutesState.PUBLISHED,
            summary_sv="Sammanfattning",
        )
        for n in range(size)
    )
    planned = Workshop.objects.bulk_create(
        Workshop(
            starts_at=now + datetime.timedelta(days=14 * (n + 1)),
            theme_sv=f"Kommande {n}",
            status=WorkshopStatus.PLANNED,
        )
        for n in range(min(size, 20))
    )
    Attendance.objects.bulk_create(
        Attendance(workshop=w, organisation=o, people=2) for w in held for o in organisations
    )
    items = []
    for w in held:
        date = timezone.localdate(w.starts_at)
        items += [
            WorkshopItem(workshop=w, kind=ItemKind.DECISION, text_sv="Beslut"),
            WorkshopItem(
                workshop=w,
                kind=ItemKind.ACTION,
                text_sv="Åtgärd",
                owner=organisations[w.pk % len(organisations)],
                due=date + datetime.timedelta(days=7),
            ),
            WorkshopItem(workshop=w, kind=ItemKind.PARKED, text_sv="Idé", look_again_on=date),
        ]
    WorkshopItem.objects.bulk_create(items)
    ThemeSuggestion.objects.bulk_create(ThemeSuggestion(title=f"Tema {n}") for n in range(size))
    return {"held": held[0], "planned": planned[0]}


@pytest.fixture(params=[10, 500], ids=["10-workshops", "500-workshops"])
def history(request, organisation, other_organisation):
    return make_history(request.param, [organisation, other_organisation])


# Every logged-in page starts with 3 queries: session, user, and the user's roles and
# organisations in one (actors.permissions keeps them for the request). The site settings are 1
# more (cached between requests, cleared between tests), and so are the meeting settings.
LOGGED_IN = 3
CASES = [
    # the districts, upcoming (+host), count of past, site settings, meeting settings, page of
    # past with attendance sums (+host)
    ("anonymous", "workshops:list", None, 6),
    ("coordinator", "workshops:list", None, LOGGED_IN + 6),
    # workshop (+host), photos, attendance (+organisation), items (+owner), comments (a
    # coordinator may always comment), site settings, meeting settings
    ("coordinator", "workshops:detail", "held", LOGGED_IN + 7),
    # workshop, site settings, meeting settings; published record: photos, attendance,
    # decisions and SWOT
    ("anonymous", "workshops:detail", "held", 6),
    # workshop, ideas due on its agenda, attendance, items, comments, site settings, meeting
    # settings
    ("coordinator", "workshops:detail", "planned", LOGGED_IN + 7),
    # workshop, organisations, the districts (offered with two or more), attendance, meeting
    # settings, next planned workshop, theme suggestions, ideas due, site settings, the 5 item
    # formsets
    ("coordinator", "workshops:log", "held", LOGGED_IN + 14),
    # count, page of open actions with owner and workshop, owners to filter by, site settings
    ("coordinator", "workshops:actions", None, LOGGED_IN + 4),
    # count, page of ideas with their workshop, site settings
    ("coordinator", "workshops:parking_lot", None, LOGGED_IN + 3),
    # last 12 held workshops, their attendance, organisations, site settings
    ("coordinator", "workshops:attendance", None, LOGGED_IN + 4),
    # meeting settings, count, page of suggestions, upcoming workshops, site settings,
    # taken-up ones
    ("coordinator", "workshops:themes", None, LOGGED_IN + 6),
    # workshops of the feed, site settings (the calendar's name)
    ("anonymous", "workshops:feed", None, 2),
    # the workshop, site settings
    ("anonymous", "workshops:ics", "planned", 2),
    # the start page (site settings, the districts, organisations, charter x3) + next workshop,
    # the networks
    ("anonymous", "portal:home", None, 10),
    # site settings, actors' memberships; coordinator: drafts, ideas due; member: the open
    # actions of their organisations
    ("coordinator", "portal:dashboard", None, LOGGED_IN + 6),
    ("member", "portal:dashboard", None, LOGGED_IN + 5),
]


@pytest.mark.parametrize(("role", "name", "obj", "queries"), CASES)
def test_queries_do_not_grow_with_history(
    history, client_for, django_assert_num_queries, role, name, obj, queries
):
    client = client_for(role)
    url = reverse(name, args=[history[obj].pk]) if obj else reverse(name)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 40])
def test_the_log_page_does_not_grow_with_the_record(
    client_for, django_assert_num_queries, organisation, other_organisation, size
):
    """Items and organisations by the dozen: still one query per part of the page."""
    workshop = make_history(1, [organisation, other_organisation])["held"]
    for n in range(size):
        OrganisationFactory(name=f"Förening {n}", slug=f"forening-{n}")
    WorkshopItem.objects.bulk_create(
        WorkshopItem(
            workshop=workshop,
            kind=kind,
            text_sv=f"{kind} {n}",
            owner=organisation,
            swot_heading="strength" if kind == ItemKind.NEXT_STEP else "",
        )
        for n in range(size)
        for kind in ItemKind
    )
    client = client_for("coordinator")
    # as the log page of CASES
    with django_assert_num_queries(LOGGED_IN + 14):
        response = client.get(reverse("workshops:log", args=[workshop.pk]))
    assert response.status_code == 200
