"""An idea sent from a network's page: confirmed, it reaches every contact person of the
network in their language, and the coordinators moderate it as any idea."""

import pytest
from django.urls import reverse

from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea
from focusgroups.services import idea_confirm, idea_confirm_token, idea_submit
from tests.factories import translated
from tests.networks.factories import ContactFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(site):
    network = translated(NetworkFactory(name_sv="Fritidsnätverket"), name="Leisure network")
    ContactFactory(network=network, email="named@example.org", language="en")
    ContactFactory(
        network=network, email="unnamed@example.org", language="sv", consents_to_publication=False
    )
    ContactFactory(email="other-network@example.org")
    return network


def test_an_idea_from_the_network_page_reaches_its_contacts_and_the_coordinators(
    client, coordinator, network, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("focusgroups:idea_submit_to_network", args=[network.pk])
    assert "Fritidsnätverket" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "title": "Läxhjälp på biblioteket",
                "text": "Varje tisdag.",
                "email": "resident@example.org",
                "tell_me_what_became": "on",
            },
        )
    assert response["Location"] == reverse("focusgroups:idea_sent")
    idea = Idea.objects.get()
    assert idea.network == network and idea.tell_me_what_became
    assert [m.to for m in mailoutbox] == [["resident@example.org"]]  # only the confirmation
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("focusgroups:idea_confirm", args=[idea_confirm_token(idea)]))
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"named@example.org", "unnamed@example.org"}
    english, swedish = by_address["named@example.org"], by_address["unnamed@example.org"]
    assert english.subject == "An idea for Leisure network"
    assert "Läxhjälp på biblioteket" in english.body and "Varje tisdag." in english.body
    assert swedish.subject == "En idé till Fritidsnätverket"
    # The sender's address stays with the coordinators, as the form promises.
    assert all("resident@example.org" not in m.body for m in mailoutbox)

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.AWAITING
    client.force_login(coordinator)
    queue = client.get(reverse("prioritization:idea_queue")).content.decode()
    assert "Läxhjälp på biblioteket" in queue


def test_confirming_again_mails_the_contacts_no_more(
    network, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = idea_submit(
            title="T", text="x", email="a@example.org", language="sv", network=network
        )
        token = idea_confirm_token(idea)
        idea_confirm(token=token)
        idea_confirm(token=token)
    assert len(mailoutbox) == 3  # the confirmation link, then one to each contact


def test_an_idea_without_a_network_mails_no_contact(
    network, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = idea_submit(title="T", text="x", email="a@example.org", language="sv")
        idea_confirm(token=idea_confirm_token(idea))
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


def test_a_network_that_stopped_before_the_confirmation_is_not_mailed(
    network, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = idea_submit(
            title="T", text="x", email="a@example.org", language="sv", network=network
        )
        network.active = False
        network.save()
        idea_confirm(token=idea_confirm_token(idea))
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


def test_an_inactive_or_unknown_network_has_no_idea_form(client, network):
    inactive = NetworkFactory(active=False)
    for pk in (inactive.pk, 99999):
        url = reverse("focusgroups:idea_submit_to_network", args=[pk])
        assert client.get(url).status_code == 404
        data = {"title": "T", "text": "x", "email": "a@example.org"}
        assert client.post(url, data).status_code == 404
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "", "text": "x", "email": "a@example.org"},
        {"title": "T" * 5000, "text": "x", "email": "a@example.org"},
        {"title": "T", "text": "x", "email": "not-an-address"},
    ],
)
def test_bad_input_gets_the_form_back_and_keeps_nothing(client, network, data):
    url = reverse("focusgroups:idea_submit_to_network", args=[network.pk])
    response = client.post(url, data)
    assert response.status_code == 200 and "Fritidsnätverket" in response.content.decode()
    assert not Idea.objects.exists()


def test_the_network_is_taken_from_the_address_not_the_form(client, network):
    other = NetworkFactory()
    client.post(
        reverse("focusgroups:idea_submit_to_network", args=[network.pk]),
        {"title": "T", "text": "x", "email": "a@example.org", "network": other.pk},
    )
    assert Idea.objects.get().network == network
