"""The menus and the footer every page shows."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from actors.permissions import organisation_ids_of, roles_of
from portal.context_processors import footer, main_menu, user_menu

pytestmark = pytest.mark.django_db


def test_the_menu_links_every_public_section(client):
    page = client.get(reverse("portal:home")).content.decode()
    for name in (
        "prioritization:focusarea_list",
        "prioritization:need_list",
        "workshops:list",
        "initiatives:initiative_list",
        "funding:public",
        "newsletter:signup",
    ):
        assert f'href="{reverse(name)}"' in page


@pytest.mark.parametrize(
    ("role", "entries"),
    [
        ("member", ["initiatives:pipeline"]),
        ("treasurer", ["initiatives:pipeline", "funding:overview", "funding:request_list"]),
        ("evaluator", ["initiatives:pipeline", "reports:report_list"]),
        (
            "coordinator",
            [
                "prioritization:idea_queue",
                "initiatives:pipeline",
                "funding:overview",
                "funding:request_list",
                "newsletter:edition_list",
                "reports:report_list",
            ],
        ),
    ],
)
def test_the_account_menu_offers_the_pages_each_role_opens(request, role, entries):
    user = request.getfixturevalue(role)
    assert [link.url for link in user_menu(user)] == [reverse(name) for name in entries]


def test_the_menus_cost_no_queries_once_the_roles_are_read(coordinator, django_assert_num_queries):
    roles_of(coordinator), organisation_ids_of(coordinator)  # read once per request by the layout
    with django_assert_num_queries(0):
        assert main_menu() and user_menu(coordinator)


def test_the_footer_costs_no_queries(rf, django_assert_num_queries):
    request = rf.get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        signup, open_data = footer(request)
        html = render_to_string(signup.template, {"panel": signup.context})
    assert 'name="email"' in html
    assert open_data.template == "reports/partials/_footer_panel.html"
