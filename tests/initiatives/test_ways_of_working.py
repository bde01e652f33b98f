"""The three ways of working: an own initiative, a joint intervention, a whole-district project."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives import selectors, services
from initiatives.choices import InitiativeStep as S
from initiatives.choices import WayOfWorking as W
from initiatives.models import Initiative
from tests.initiatives.factories import InitiativeFactory, NeedFactory, proposal_data

pytestmark = pytest.mark.django_db


def save(initiative, actor, **data):
    return services.initiative_save(initiative=initiative, data=data, actor=actor)


def test_an_existing_initiative_reads_as_an_own_initiative(organisation):
    assert InitiativeFactory(lead_organisation=organisation).way_of_working == W.OWN_INITIATIVE


def test_a_joint_intervention_names_its_owner_and_responsible_person(coordinator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation)

    with pytest.raises(ValidationError) as refused:
        save(initiative, coordinator, way_of_working=W.JOINT_INTERVENTION)

    assert set(refused.value.error_dict) == {"owner", "responsible_person"}
    initiative.refresh_from_db()
    assert initiative.way_of_working == W.OWN_INITIATIVE

    save(
        initiative,
        coordinator,
        way_of_working=W.JOINT_INTERVENTION,
        owner=organisation,
        responsible_person="Amina Yusuf",
    )
    initiative.refresh_from_db()
    assert (initiative.owner, initiative.responsible_person) == (organisation, "Amina Yusuf")


def test_a_district_project_names_its_commissioner_and_manager_and_forgets_other_roles(
    coordinator, organisation
):
    initiative = InitiativeFactory(
        lead_organisation=organisation,
        way_of_working=W.JOINT_INTERVENTION,
        owner=organisation,
        responsible_person="Amina Yusuf",
    )

    with pytest.raises(ValidationError) as refused:
        save(initiative, coordinator, way_of_working=W.DISTRICT_PROJECT, commissioner="Stadsdir.")
    assert set(refused.value.error_dict) == {"responsible_manager"}

    save(
        initiative,
        coordinator,
        way_of_working=W.DISTRICT_PROJECT,
        commissioner="Stadsdirektören",
        responsible_manager="Chefen för stadsbyggnadsförvaltningen",
    )
    initiative.refresh_from_db()
    assert initiative.owner is None and initiative.responsible_person == ""
    assert initiative.commissioner == "Stadsdirektören"


def test_the_form_gives_the_missing_roles_back_in_swedish(client, member, organisation):
    client.force_login(member)
    need = NeedFactory()

    response = client.post(
        reverse("initiatives:initiative_create"),
        proposal_data(organisation, need, way_of_working=W.JOINT_INTERVENTION),
    )

    assert response.status_code == 200
    assert "Ange den person som ägaren utsåg till ansvarig för insatsen." in response.text
    assert not Initiative.objects.exists()


def test_the_form_shows_each_ways_roles_while_it_is_chosen(client, member):
    client.force_login(member)

    page = client.get(reverse("initiatives:initiative_create")).text

    assert '<div data-shown-when="way_of_working=joint_intervention">' in page
    assert 'name="responsible_manager"' in page and "js/shown_when.js" in page


def test_the_initiative_page_tells_the_way_and_its_roles(client, organisation):
    initiative = InitiativeFactory(
        lead_organisation=organisation,
        step=S.PROPOSAL,
        submitted_at="2026-01-01T10:00Z",
        way_of_working=W.DISTRICT_PROJECT,
        commissioner="Stadsdirektören",
        responsible_manager="Kim Berg",
    )

    page = client.get(initiative.get_absolute_url()).text

    assert "Samordnat helhetsgrepp på stadsdelen" in page
    assert "Beställare" in page and "Stadsdirektören" in page and "Kim Berg" in page


@pytest.fixture
def one_of_each(organisation):
    def make(way, **roles):
        return InitiativeFactory(
            lead_organisation=organisation,
            step=S.PROPOSAL,
            submitted_at="2026-01-01T10:00Z",
            way_of_working=way,
            title_sv=str(way),
            **roles,
        )

    return [
        make(W.OWN_INITIATIVE),
        make(W.JOINT_INTERVENTION, owner=organisation, responsible_person="A"),
        make(W.DISTRICT_PROJECT, commissioner="B", responsible_manager="C"),
    ]


def test_the_list_and_the_board_filter_by_way(client, coordinator, one_of_each):
    listing = client.get(reverse("initiatives:initiative_list"), {"way": "joint_intervention"})
    assert [i.way_of_working for i in listing.context["page"].object_list] == [W.JOINT_INTERVENTION]
    assert "way=joint_intervention" in listing.context["query"]

    board = selectors.pipeline(user=coordinator, way=W.DISTRICT_PROJECT)
    assert sum(column["count"] for column in board) == 1
    client.force_login(coordinator)
    page = client.get(reverse("initiatives:pipeline"), {"way": "own_initiative"})
    assert sum(column["count"] for column in page.context["columns"]) == 1


def test_an_unknown_way_filters_nothing(client, one_of_each):
    response = client.get(reverse("initiatives:initiative_list"), {"way": "nonsense"})
    assert len(response.context["page"].object_list) == 3


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_filtered_by_way_runs_a_fixed_number_of_queries(
    client, organisation, site, count, django_assert_num_queries
):
    InitiativeFactory.create_batch(
        count,
        lead_organisation=organisation,
        step=S.PROPOSAL,
        submitted_at="2026-01-01T10:00Z",
        way_of_working=W.JOINT_INTERVENTION,
        owner=organisation,
        responsible_person="A",
    )
    # the districts, count, site settings, the steps of the process, focus areas (filter), page
    # of initiatives (+focus area, lead)
    with django_assert_num_queries(6):
        response = client.get(reverse("initiatives:initiative_list"), {"way": "joint_intervention"})
    assert response.status_code == 200
