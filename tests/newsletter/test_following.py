"""Following an initiative or a need by e-mail: double opt-in like the newsletter's, and links
that, replayed, altered or out of date, change nothing and say why in the reader's language."""

import pytest
from django.urls import reverse

from actors.models import OutgoingMail
from newsletter import links
from newsletter.choices import SubscriberStatus
from newsletter.models import Follower
from tests.factories import translated
from tests.initiatives.factories import InitiativeFactory, NeedFactory
from tests.newsletter.following import links_in, path_of, public_initiative

pytestmark = pytest.mark.django_db


def follow(client, initiative, email="Amina@Example.org", prefix=""):
    url = prefix + reverse("newsletter:follow_initiative", args=[initiative.pk])
    return client.post(url, {"email": email})


def confirm_link(email="amina@example.org") -> str:
    (mail,) = OutgoingMail.objects.filter(recipient=email)
    return path_of(next(url for url in links_in(mail.body_text) if "/follow/confirm/" in url))


def test_following_twice_sends_one_confirmation_and_only_the_button_confirms(client, site):
    initiative = public_initiative(title_sv="Kvällsfotboll")
    assert follow(client, initiative).status_code == 302
    assert follow(client, initiative).status_code == 302
    (follower,) = Follower.objects.all()
    assert (follower.email, follower.language) == ("amina@example.org", "sv")
    assert follower.status == SubscriberStatus.PENDING

    link = confirm_link()
    page = client.get(link)
    assert "Kvällsfotboll" in page.text and "amina@example.org" in page.text
    assert Follower.objects.get().status == SubscriberStatus.PENDING  # a scanner confirms nothing

    assert client.post(link).status_code == 200
    follower = Follower.objects.get()
    assert follower.status == SubscriberStatus.CONFIRMED and follower.confirmed_at
    # Replayed: a clear page, and nothing changes.
    assert client.post(link).status_code == 200
    assert follow(client, initiative).status_code == 302
    assert OutgoingMail.objects.count() == 1


def test_a_need_is_followed_the_same_way(client, site):
    need = NeedFactory(title_sv="Trygga vägar hem")
    response = client.post(
        reverse("newsletter:follow_need", args=[need.pk]), {"email": "amina@example.org"}
    )
    assert response.status_code == 302
    assert Follower.objects.get().need == need
    assert "Trygga vägar hem" in OutgoingMail.objects.get().subject


def test_an_english_page_follows_in_english_and_its_links_answer_in_english(client, site):
    initiative = translated(
        public_initiative(title_sv="Kvällsfotboll"), "en", title="Evening football"
    )
    follow(client, initiative, prefix="/en")
    assert Follower.objects.get().language == "en"
    link = confirm_link()
    assert link.startswith("/en/")
    assert "Evening football" in OutgoingMail.objects.get().subject
    page = client.get(link[:-3] + "xx/")
    assert page.status_code == 400
    assert "The link is not complete or has been changed" in page.text


@pytest.mark.parametrize("bad", ["not-a-token", "tampered"])
def test_an_altered_link_changes_nothing(client, site, bad):
    follow(client, public_initiative())
    link = confirm_link()
    if bad == "tampered":
        link = link.replace(":", ":x", 1)
    else:
        link = reverse("newsletter:follow_confirm", args=[bad])
    response = client.post(link)
    assert response.status_code == 400
    assert "Länken är inte komplett eller har ändrats" in response.text
    assert Follower.objects.get().status == SubscriberStatus.PENDING


def test_an_expired_link_changes_nothing(client, site, monkeypatch):
    follow(client, public_initiative())
    link = confirm_link()
    monkeypatch.setattr(links, "CONFIRM_MAX_AGE", -1)
    response = client.post(link)
    assert response.status_code == 410
    assert 'data-reason="expired"' in response.text
    assert Follower.objects.get().status == SubscriberStatus.PENDING


def test_bad_input_and_bots_make_no_follower(client, site):
    initiative = public_initiative()
    url = reverse("newsletter:follow_initiative", args=[initiative.pk])
    assert client.post(url, {"email": "not an address"}).status_code == 200
    assert client.post(url, {"email": "bot@example.org", "website": "x"}).status_code == 302
    assert not Follower.objects.exists() and not OutgoingMail.objects.exists()


def test_only_what_the_public_may_read_can_be_followed(client, site):
    draft = InitiativeFactory()
    url = reverse("newsletter:follow_initiative", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "amina@example.org"}).status_code == 404
    assert client.get(reverse("newsletter:follow_need", args=[999])).status_code == 404


def test_following_is_limited_like_the_newsletter_sign_up(client, site, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 2
    initiative = public_initiative()
    answers = [follow(client, initiative, f"r{n}@example.org").status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert Follower.objects.count() == 2


def test_the_initiative_and_need_pages_link_to_following(client, site):
    initiative = public_initiative()
    need = NeedFactory()
    page = client.get(initiative.get_absolute_url()).text
    assert reverse("newsletter:follow_initiative", args=[initiative.pk]) in page
    page = client.get(need.get_absolute_url()).text
    assert reverse("newsletter:follow_need", args=[need.pk]) in page


def test_one_who_stopped_may_follow_again_and_the_old_stop_link_then_changes_nothing(client, site):
    initiative = public_initiative()
    follow(client, initiative)
    client.post(confirm_link())
    follower = Follower.objects.get()
    stop = reverse(
        "newsletter:unfollow", args=[links.make_token(follower, salt=links.UNFOLLOW_SALT)]
    )
    assert client.post(stop).status_code == 200
    assert Follower.objects.get().status == SubscriberStatus.UNSUBSCRIBED

    follow(client, initiative)
    assert OutgoingMail.objects.count() == 2
    assert Follower.objects.get().status == SubscriberStatus.PENDING
    response = client.post(stop)
    assert response.status_code == 410 and 'data-reason="used"' in response.text
    assert Follower.objects.get().status == SubscriberStatus.PENDING


def test_the_confirmation_link_of_one_who_stopped_first_changes_nothing(client, site):
    follow(client, public_initiative())
    link = confirm_link()
    follower = Follower.objects.get()
    stop = reverse(
        "newsletter:unfollow", args=[links.make_token(follower, salt=links.UNFOLLOW_SALT)]
    )
    client.post(stop)

    response = client.post(link)

    assert response.status_code == 410 and "redan använts" in response.text
    assert Follower.objects.get().status == SubscriberStatus.UNSUBSCRIBED
