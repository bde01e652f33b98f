"""A resident who sent an idea, and agreed to hear what became of it, is told when an initiative
that answers the need the idea became part of is decided, funded and completed."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import OutgoingMail
from focusgroups.models import Idea
from initiatives import services
from initiatives.choices import InitiativeStep as S
from initiatives.models import Evaluation
from newsletter.choices import SubscriberStatus
from newsletter.models import Follower
from newsletter.services import telling
from tests.factories import translated
from tests.focusgroups.factories import IdeaFactory
from tests.initiatives.factories import InitiativeFactory, NeedFactory
from tests.newsletter.following import decide, path_of, public_initiative

pytestmark = pytest.mark.django_db


def idea_in_need(consent: bool, email="sender@example.org", language="sv"):
    idea = IdeaFactory(
        email=email, language=language, tell_me_what_became=consent, confirmed_at=timezone.now()
    )
    need = translated(NeedFactory(title_sv="Utegym"), "en", title="Outdoor gym")
    need.ideas.add(idea)
    return idea, need


def test_the_sender_hears_of_the_decision_and_the_end_but_not_every_step(site, coordinator):
    idea, need = idea_in_need(consent=True, language="en")
    initiative = translated(
        public_initiative(title_sv="Utegym vid skolan"), "en", title="Gym by the school"
    )
    initiative.needs.add(need)
    decide(initiative, coordinator)
    services.initiative_advance(initiative=initiative, to_step=S.FUNDING, actor=coordinator)

    assert telling.followers_tell() == 1
    (told,) = OutgoingMail.objects.filter(recipient="sender@example.org")
    assert "Gym by the school: Decided on 18 November 2026." in told.body_text
    assert "you sent an idea that became part of the need “Outdoor gym”" in told.body_text
    assert told.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    follower = Follower.objects.get(idea=idea)
    assert (follower.need, follower.status) == (need, SubscriberStatus.CONFIRMED)

    ending = InitiativeFactory(step=S.EVALUATION, submitted_at=timezone.now())
    ending.needs.add(need)
    Evaluation.objects.create(initiative=ending, method="x", recommendation="continue")
    services.initiative_advance(initiative=ending, to_step=S.COMPLETED, actor=coordinator)
    assert telling.followers_tell() == 1
    assert "Completed and evaluated." in OutgoingMail.objects.latest("pk").body_text


def test_without_consent_the_sender_is_not_followed(site, coordinator):
    _idea, need = idea_in_need(consent=False)
    initiative = public_initiative()
    initiative.needs.add(need)
    decide(initiative, coordinator)
    assert telling.followers_tell() == 0
    assert not Follower.objects.exists()


def test_one_click_ends_it_and_the_loop_does_not_start_it_again(site, coordinator):
    idea_in_need(consent=True)
    first, second = public_initiative(), public_initiative()
    for initiative in (first, second):
        initiative.needs.add(idea_need())
    decide(first, coordinator)
    telling.followers_tell()
    url = OutgoingMail.objects.get().headers["List-Unsubscribe"].strip("<>")
    assert Client(enforce_csrf_checks=True).post(path_of(url)).status_code == 200

    decide(second, coordinator)
    assert telling.followers_tell() == 0
    assert Follower.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def idea_need():
    return Idea.objects.get().needs.get()


def test_the_idea_form_asks_for_consent_unticked_and_keeps_the_answer(client, site):
    page = client.get(reverse("focusgroups:idea_submit")).text
    assert 'name="tell_me_what_became"' in page
    assert "checked" not in page.split('name="tell_me_what_became"')[1].split(">")[0]
    idea = {"title": "Utegym", "text": "Vid skolan", "email": "a@example.org"}
    client.post(reverse("focusgroups:idea_submit"), idea)
    client.post(
        reverse("focusgroups:idea_submit"),
        {**idea, "email": "b@example.org", "tell_me_what_became": "on"},
    )
    assert dict(Idea.objects.values_list("email", "tell_me_what_became")) == {
        "a@example.org": False,
        "b@example.org": True,
    }
