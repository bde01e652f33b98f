"""/admin/login/ goes through the site's own login: its rate limits and the second factor."""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/?next=/admin/"


def current_code(secret: str) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def opens_the_admin(client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_the_admin_login_form_never_logs_in_with_the_password_alone(client, admin_user):
    response = client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert not opens_the_admin(client)


def test_an_administrator_with_totp_reaches_the_admin_only_with_the_code(client, admin_user):
    secret = generate_totp_secret()
    TOTP.activate(admin_user, secret)

    login = client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": PASSWORD})
    response = client.post(login.url, {"login": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert not opens_the_admin(client)

    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    assert not opens_the_admin(client)

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(response.url, follow=True).request["PATH_INFO"] == reverse("admin:index")
    assert opens_the_admin(client)


def test_wrong_passwords_through_the_admin_login_meet_the_sites_login_limit(client, admin_user):
    """Whichever form the guesses start from, allauth's "login_failed" limit counts them."""
    for _attempt in range(6):
        login = client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": "guess"})
        assert "_auth_user_id" not in client.session
        response = client.post(login.url, {"login": admin_user.email, "password": "guess"})
    assert "för många" in response.content.decode().lower()

    login = client.post(ADMIN_LOGIN, {"username": admin_user.email, "password": PASSWORD})
    client.post(login.url, {"login": admin_user.email, "password": PASSWORD})
    assert not opens_the_admin(client)


def test_a_logged_in_person_who_is_not_staff_is_refused_the_admin(client, member):
    client.force_login(member)
    assert client.get(ADMIN_LOGIN).status_code == 403
    assert not opens_the_admin(client)
