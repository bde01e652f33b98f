import pytest
from django.urls import reverse

from actors.models import GovernanceBody, Membership, Principle, SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_adds_a_person_to_an_organisation(client, coordinator, organisation):
    person = UserFactory(email="new@example.org")
    client.force_login(coordinator)
    url = reverse("actors:organisation_members", args=[organisation.slug])
    response = client.post(url, {"email": "NEW@example.org", "role": "contact"})
    assert response.status_code == 302
    assert Membership.objects.get(user=person).organisation == organisation


def test_it_explains_when_nobody_has_the_address(client, coordinator, organisation):
    client.force_login(coordinator)
    url = reverse("actors:organisation_members", args=[organisation.slug])
    response = client.post(url, {"email": "nobody@example.org", "role": "contact"})
    assert response.status_code == 200
    assert "Ingen med den e-postadressen har ett konto" in response.content.decode()
    assert not Membership.objects.filter(user__email="nobody@example.org").exists()


def test_it_removes_a_membership_only_by_post(client, coordinator, member, organisation):
    client.force_login(coordinator)
    membership = member.memberships.get()
    url = reverse("actors:membership_remove", args=[organisation.slug, membership.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_it_refuses_to_remove_a_membership_of_another_organisation(
    client, coordinator, outsider, organisation
):
    client.force_login(coordinator)
    membership = outsider.memberships.get()
    url = reverse("actors:membership_remove", args=[organisation.slug, membership.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def charter_data(**extra):
    data = {"mission_sv": "Vi arbetar tillsammans."}
    for prefix in ("principles", "goals", "bodies"):
        filled = any(key.startswith(f"{prefix}-0-") for key in extra)
        data |= {
            f"{prefix}-TOTAL_FORMS": "1" if filled else "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | extra


def test_it_saves_the_charter(client, coordinator):
    client.force_login(coordinator)
    data = charter_data(
        **{
            "principles-0-position": "1",
            "principles-0-title_sv": "Behoven styr",
            "principles-0-body_sv": "Vi utgår från de boende.",
            "bodies-0-position": "1",
            "bodies-0-kind": "residents_council",
            "bodies-0-name_sv": "Husbyrådet",
            "bodies-0-role_sv": "Tillfrågas före beslut.",
        }
    )
    response = client.post(reverse("actors:charter_edit"), data)
    assert response.status_code == 302
    assert Principle.objects.get().title_sv == "Behoven styr"
    assert GovernanceBody.objects.get().name_sv == "Husbyrådet"
    assert SiteSettings.current().mission_sv == "Vi arbetar tillsammans."
    page = client.get(reverse("actors:charter")).content.decode()
    assert "Behoven styr" in page and "Husbyrådet" in page


def test_it_saves_nothing_of_the_charter_when_one_part_is_wrong(client, coordinator):
    client.force_login(coordinator)
    data = charter_data(
        mission_sv="Ändrad mission",
        **{
            "principles-0-position": "1",
            "principles-0-title_sv": "Behoven styr",
            "bodies-0-position": "1",
            "bodies-0-kind": "not-a-kind",
            "bodies-0-name_sv": "Rådet",
        },
    )
    response = client.post(reverse("actors:charter_edit"), data)
    assert response.status_code == 200
    assert "Rätta till felen nedan." in response.content.decode()
    assert not Principle.objects.exists()
    assert not SiteSettings.objects.filter(mission_sv="Ändrad mission").exists()


def test_it_uses_the_site_settings_everywhere(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("actors:site_settings"),
        {
            "name_sv": "Tillsammans för Husby",
            "short_name": "TfH",
            "area": "Husby",
            "council_name": "Husbyrådet",
            "step_limit_days": "60",
            "follow_up_every_days": "30",
            "languages": ["en"],
        },
    )
    assert response.status_code == 302
    assert "Tillsammans för Husby" in client.get("/").content.decode()
    # Until it is translated, the English pages call it by its Swedish name.
    assert "Tillsammans för Husby" in client.get("/en/").content.decode()
    site = SiteSettings.current()
    assert (site.step_limit_days, site.follow_up_every_days) == (60, 30)


def test_the_settings_page_explains_the_limits_for_steps_and_follow_ups(client, coordinator):
    client.force_login(coordinator)

    page = client.get(reverse("actors:site_settings")).content.decode()

    assert 'name="step_limit_days" value="120"' in page
    assert 'name="follow_up_every_days" value="90"' in page
    assert "Den ledande organisationen påminns varje vecka när en satsning står längre" in page
    assert "Hur ofta en satsning som genomförs rapporterar hur det går." in page
