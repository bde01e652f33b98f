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
from actors.models import District, Event, Organisation, SiteSettings, User
from focusgroups.models import FocusGroup, Idea, Insight
from initiatives.choices import WayOfWorking
from initiatives.models import Evaluation, Initiative, ProcessStep
from networks.models import ContactPerson, Network
from prioritization.models import Need, PrioritisationRound
from tests.crawl import crawl
from workshops.models import MeetingSettings, PrioritisationMatrix, Workshop, WorkshopItem

pytestmark = pytest.mark.django_db

OTHERS = ["helsingborg", "malmo"]
PEOPLE = ["anonymous", *(email for email, *_rest in USERS)]
HUSBY = re.compile("husby", re.IGNORECASE)


def seed(collaboration: str) -> None:
    call_command("seed_demo", collaboration=collaboration, stdout=StringIO())


def counts() -> dict[str, int]:
    models = (
        Organisation, User, FocusGroup, Insight, Need, PrioritisationRound, Workshop,
        WorkshopItem, Initiative, Idea, Event, District, Network, ContactPerson, ProcessStep,
        PrioritisationMatrix, Evaluation,
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
    assert {"needs", "proposal", "parked"} <= steps
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


def test_helsingborgs_development_group_meets_monthly_with_its_standing_point(client):
    seed("helsingborg")
    meeting = MeetingSettings.current()
    assert (meeting.cadence, meeting.name_sv) == ("monthly", "Utvecklingsgruppens möte")
    assert meeting.has_swot and meeting.has_coming_questions and meeting.has_themes
    swot = Workshop.objects.get(status="held", format="swot")
    assert swot.coming_questions_sv
    assert swot.items.filter(kind="next_step").count() == 4
    # The meetings' page calls them by the group's name.
    assert "Utvecklingsgruppens möte" in client.get("/workshops/").content.decode()


def test_helsingborgs_lists_filter_by_its_districts(client):
    seed("helsingborg")
    assert District.objects.count() >= 2
    lists = {
        "/initiatives/": ("Jobbspår för unga vuxna på Söder", "Ljusare gångvägar på Drottninghög"),
        "/needs/": ("Fler vägar till jobb för unga vuxna", "Tryggare väg mellan busshållplats"),
    }
    for url, (in_soder, in_drottninghog) in lists.items():
        whole = client.get(url).content.decode()
        assert 'name="district"' in whole  # more than one district: the filter is offered
        assert in_soder in whole and in_drottninghog in whole
        soder = client.get(url, {"district": "soder"}).content.decode()
        assert in_soder in soder and in_drottninghog not in soder
        drottninghog = client.get(url, {"district": "drottninghog"}).content.decode()
        assert in_drottninghog in drottninghog and in_soder not in drottninghog


def test_helsingborgs_networks_show_only_the_contacts_who_agreed(client):
    seed("helsingborg")
    page = client.get("/networks/").content.decode()
    assert "Nätverket för Drottninghög" in page and "Nätverket för Söder" in page
    network = Network.objects.get(name_sv="Nätverket för Drottninghög")
    assert network.district.slug == "drottninghog"
    assert set(network.contacts.values_list("consents_to_publication", flat=True)) == {True, False}
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Nadia Karim" in page
    assert "Per Olsson" not in page and "per.olsson" not in page


def test_helsingborgs_initiatives_name_their_way_of_working_and_its_roles():
    seed("helsingborg")
    project = Initiative.objects.get(title_sv="Ljusare gångvägar på Drottninghög")
    assert project.way_of_working == WayOfWorking.DISTRICT_PROJECT
    assert project.commissioner == "Stadsdirektören" and project.responsible_manager
    assert project.district.slug == "drottninghog"
    joint = Initiative.objects.get(title_sv="Jobbspår för unga vuxna på Söder")
    assert joint.way_of_working == WayOfWorking.JOINT_INTERVENTION
    assert joint.owner.slug == "arbetsmarknadsforvaltningen" and joint.responsible_person
    enabled = Initiative.objects.get(title_sv="Låna en lokal i din stadsdel")
    assert enabled.enabled_by == "Nätverket för Drottninghög"


def test_malmos_initiatives_wait_at_no_funding_step():
    seed("malmo")
    assert not Initiative.objects.filter(step__in=["decision", "funding"]).exists()
    # A prototype, and a prototype tested in practice with the test recorded.
    assert Initiative.objects.get(title_sv="Följeslagare till mötesplatsen").step == "execution"
    tested = Initiative.objects.get(title_sv="Telefonvänner")
    assert tested.step == "evaluation"
    assert "elva seniorer" in tested.evaluation.findings_sv
    assert [c.to_step for c in tested.log.order_by("at", "pk")] == [
        "proposal",
        "execution",
        "evaluation",
    ]


def test_malmos_board_shows_its_own_steps_and_no_funding_or_decision(client):
    seed("malmo")
    client.force_login(User.objects.filter(role_assignments__role="coordinator").first())
    page = client.get("/initiatives/board/").content.decode()
    columns = re.findall(r'id="col-([a-z]+)"', page)
    assert columns[:4] == ["needs", "proposal", "execution", "evaluation"]
    assert "decision" not in columns and "funding" not in columns
    for name in ("Behov", "Koncept", "Prototyp", "Test i praktiken"):
        assert name in page
    assert "Workshop i IoU65+" in client.get("/workshops/").content.decode()


def test_malmos_workshops_record_prioritisation_matrices():
    seed("malmo")
    assert MeetingSettings.current().has_matrix
    matrix = PrioritisationMatrix.objects.select_related("workshop").first()
    assert matrix.workshop.status == "held"
    assert matrix.entries.count() >= 4


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
