import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_account_must_verify_its_address_before_logging_in(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://portal.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "resident@example.org",
                "password1": "a-long-secret-9",
                "password2": "a-long-secret-9",
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert client.get(reverse("portal:dashboard")).status_code != 200
    # The link leads to the public address, not to the host the request came in on.
    link = re.search(r"\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    assert link.startswith("https://portal.example.org/accounts/confirm-email/")
    client.post(link.removeprefix("https://portal.example.org"))
    assert client.get(reverse("portal:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [("kort", "minst 8 tecken"), ("password123", "för vanligt")],
)
def test_weak_passwords_are_refused_in_swedish(client, password, message):
    response = client.post(
        reverse("account_signup"),
        {"email": "resident@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_failed_logins_are_rate_limited(client):
    user = UserFactory(email="someone@example.org")
    for _attempt in range(6):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-password"}
        )
    assert response.status_code in (200, 429)
    assert "för många" in response.content.decode().lower()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert not response.wsgi_request.user.is_authenticated


def test_staff_roles_find_two_factor_authentication(client, coordinator, member):
    client.force_login(coordinator)
    assert reverse("mfa_index") in client.get("/").content.decode()
    assert client.get(reverse("mfa_index")).status_code == 200
    client.force_login(member)
    assert reverse("mfa_index") not in client.get("/").content.decode()


def test_a_disabled_account_loses_its_session_at_once(client, member):
    client.force_login(member)
    assert client.get(reverse("portal:dashboard")).status_code == 200
    member.is_active = False
    member.save()
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_logging_in_starts_a_new_session_and_logging_out_ends_it(client):
    user = UserFactory(email="someone@example.org")
    client.get(reverse("account_login"))
    before = client.cookies.get("sessionid")
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    # GET only asks for confirmation; the logout itself needs a POST.
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("portal:dashboard")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("portal:dashboard")).status_code == 302
