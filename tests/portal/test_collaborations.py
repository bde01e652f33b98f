"""seed_demo --collaboration: Helsingborg's and Malmö's demos, each in a database of its own,
read as their own work: every page reachable by links answers for every demo login in every
language the collaboration offers, and none of them names Husby."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from actors.demo import USERS
from actors.look import contrast_failures
from actors.models import Event, Organisation, SiteSettings, User
from focusgroups.models import FocusGroup, Idea, Insight
from initiatives.models import Initiative
from prioritization.models import Need, PrioritisationRound
from tests.crawl import crawl
from workshops.models import Workshop, WorkshopItem

pytestmark = pytest.mark.django_db

OTHERS = ["helsingborg", "malmo"]
PEOPLE = ["anonymous", *(email for email, *_rest in USERS)]
HUSBY = re.compile("husby", re.IGNORECASE)


def seed(collaboration: str) -> None:
    call_command("seed_demo", collaboration=collaboration, stdout=StringIO())


def counts() -> dict[str, int]:
    models = (
        Organisation, User, FocusGroup, Insight, Need, PrioritisationRound, Workshop,
        WorkshopItem, Initiative, Idea, Event,
    )  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("collaboration", OTHERS)
def test_every_page_answers_for_every_login_and_none_names_husby(collaboration):
    seed(collaboration)
    languages = tuple(SiteSettings.current().offered_languages)
    failures, naming_husby, seen = [], [], 0
    for person in PEOPLE:
        client = Client(raise_request_exception=False)
        if person != "anonymous":
            client.force_login(User.objects.get(email=person))
        visits = crawl(client, ["/", "/dashboard/"], with_query=True, languages=languages)
        seen += len(visits)
        failures += [(person, v.url, v.status) for v in visits if v.status >= 500]
        # The whole page: its <title>, header, footer and the admin's help texts too.
        naming_husby += [(person, v.url) for v in visits if v.html and HUSBY.search(v.html)]
    assert failures == []
    assert naming_husby == []
    assert seen > 300


@pytest.mark.parametrize("collaboration", OTHERS)
def test_the_demo_is_the_collaborations_own(collaboration, client):
    seed(collaboration)
    site = SiteSettings.current()
    assert site.set_up and site.area != "Husby"
    assert contrast_failures(site.look) == []
    # The five demo logins and their password, in the roles they have in Husby's demo.
    for email, _first, _last, roles, _slug, superuser in USERS:
        user = User.objects.get(email=email)
        assert client.login(email=email, password="demo-cih-2026")
        assert sorted(user.role_assignments.values_list("role", flat=True)) == sorted(roles)
        assert user.is_superuser == superuser
    steps = set(Initiative.objects.values_list("step", flat=True))
    assert {"needs", "proposal", "decision", "parked"} <= steps
    assert Workshop.objects.filter(status="held").count() >= 5
    assert Workshop.objects.filter(status="planned").count() == 1
    page = client.get("/").content.decode()
    assert site.name_sv.split(" ")[0] in page


def test_helsingborgs_development_group_evaluates_itself_with_a_swot():
    seed("helsingborg")
    # Five monthly meetings in a row go through every agenda, the SWOT evaluation among them.
    swot = Workshop.objects.get(status="held", format="swot")
    answered = set(swot.items.exclude(swot_heading="").values_list("swot_heading", flat=True))
    assert answered == {"strength", "weakness", "opportunity", "threat"}
    assert swot.items.filter(kind="idea").exists()  # the parking lot


def test_malmos_initiatives_wait_at_no_funding_step():
    seed("malmo")
    assert not Initiative.objects.filter(step="funding").exists()


@pytest.mark.parametrize("collaboration", OTHERS)
def test_seeding_twice_changes_nothing(collaboration):
    seed(collaboration)
    first = counts()
    seed(collaboration)
    assert counts() == first


def test_an_unknown_collaboration_is_refused():
    with pytest.raises(CommandError, match="no demo of the collaboration 'stockholm'"):
        seed("stockholm")
    assert not SiteSettings.objects.exists()


@pytest.mark.parametrize(("held", "asked"), [("husby", "malmo"), ("malmo", "helsingborg")])
def test_a_database_holding_another_collaboration_is_refused(held, asked):
    seed(held)
    before = counts()
    with pytest.raises(CommandError, match="database of its own"):
        seed(asked)
    assert counts() == before
