"""A page shows a person only links they may follow: none of them answers 403.

Each role opens the start page, its overview and the lists, then every link on them.
"""

import re

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

SKIP = re.compile(r"^/(en/)?(static|media|admin)/|logout")


def links(page: str) -> set[str]:
    return {
        href.replace("&amp;", "&")
        for href in re.findall(r'href="(/[^"#]*)"', page)
        if not SKIP.search(href)
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_link_a_person_is_shown_answers_forbidden(client_for, role, organisation):
    InitiativeFactory(lead_organisation=organisation, step="proposal")
    client = client_for(role)
    start = [
        reverse("portal:home"),
        reverse("initiatives:initiative_list"),
        reverse("prioritization:round_list"),
        reverse("funding:public"),
    ]
    if role != "anonymous":
        start.append(reverse("portal:dashboard"))
    shown = set()
    for url in start:
        response = client.get(url)
        assert response.status_code == 200, url
        shown |= links(response.content.decode())
    forbidden = sorted(url for url in shown if client.get(url).status_code == 403)
    assert forbidden == []


def test_the_propose_button_is_for_those_who_may_propose(client_for):
    url = reverse("initiatives:initiative_create")
    for role, shown in (("member", True), ("coordinator", True), ("treasurer", False)):
        page = client_for(role).get(reverse("initiatives:initiative_list")).content.decode()
        assert (f'href="{url}"' in page) is shown, role
