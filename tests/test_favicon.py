"""Every page has the portal's icon: the browser never asks for one that is not there."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

ICON = "img/favicon.svg"


def test_favicon_ico_leads_to_the_portals_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg") and "/img/favicon" in response["Location"]
    assert finders.find(ICON)


@pytest.mark.parametrize(
    "url",
    ["admin:index", "admin:actors_user_changelist", "admin:actors_user_add"],
)
def test_the_admin_pages_name_the_portals_icon(client, admin_user, url):
    client.force_login(admin_user)
    response = client.get(reverse(url))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('rel="icon"') == 1 and "/img/favicon" in html
