"""Each section asks the same number of queries however much data there is."""

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from actors.models import SiteSettings
from actors.permissions import organisation_ids_of, roles_of
from initiatives.models import Initiative, ProcessStep
from portal import sections
from tests.focusgroups.factories import IdeaFactory
from tests.funding.factories import FunderFactory, make_grant
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import NeedFactory, RoundFactory
from tests.workshops.factories import ActionFactory, ParkedItemFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 6])
def world(request, organisation, treasurer):
    """`size` of what the sections show: ideas, rounds, workshops, actions, initiatives, grants."""
    size = request.param
    IdeaFactory.create_batch(size)
    RoundFactory(needs=NeedFactory.create_batch(size))
    WorkshopFactory.create_batch(size)
    ParkedItemFactory.create_batch(size, look_again_on=timezone.localdate())
    ActionFactory.create_batch(size, owner=organisation)
    InitiativeFactory.create_batch(size, lead_organisation=organisation, step="execution")
    funder = FunderFactory(organisation=organisation)
    for number in range(size):
        make_grant(treasurer, funder=funder, title_sv=f"Bidrag {number}")
    SiteSettings.current()  # read, then cached, by the layout of every page
    ProcessStep.of_site()  # the names of the steps, cached likewise
    return organisation


def rendered(found) -> str:
    return "".join(render_to_string(s.template, {"panel": s.context}) for s in found)


def read_roles(*users):
    for user in users:
        roles_of(user), organisation_ids_of(user)  # read once per request by the layout


def test_the_start_page_sections(world, django_assert_num_queries):
    # the focus areas with their counts; the next workshop; the networks; the latest public
    # events
    with django_assert_num_queries(4):
        rendered(sections.home())


def test_the_dashboard_sections(world, coordinator, member, treasurer, django_assert_num_queries):
    read_roles(coordinator, member, treasurer)
    # ideas awaiting moderation with their total; open rounds; parked ideas due; draft minutes
    with django_assert_num_queries(4):
        rendered(sections.dashboard(coordinator))
    # open rounds the member's organisation has not finished scoring; its open actions; the
    # open initiatives it leads
    with django_assert_num_queries(3):
        rendered(sections.dashboard(member))
    # allocation requests waiting for an answer; reports owed to funders soon
    with django_assert_num_queries(2):
        rendered(sections.dashboard(treasurer))


def test_the_organisation_page_sections(world, django_assert_num_queries):
    # the initiatives it leads; the funder with its totals
    with django_assert_num_queries(2):
        rendered(sections.organisation(world))


def test_the_initiative_page_sections(world, treasurer, coordinator, django_assert_num_queries):
    initiative = Initiative.objects.filter(lead_organisation=world).first()
    read_roles(treasurer, coordinator)
    # the initiative's money; the grants it is paid from; its last request to the fund
    with django_assert_num_queries(3):
        rendered(sections.initiative_funding(initiative, treasurer))
    # its published reports
    with django_assert_num_queries(1):
        rendered(sections.initiative_results(initiative, coordinator))
