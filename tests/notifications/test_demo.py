"""The demo leaves notifications waiting for its people, and mails none of them."""

import pytest
from django.core.management import call_command

from actors.demo import USERS
from actors.models import OutgoingMail, User
from notifications.models import Delivery, Notification
from notifications.services import digests_send


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)


def test_the_demos_people_find_notifications_waiting(demo):
    unread = dict(User.objects.values_list("email", "unread_notifications"))

    for role in ("coordinator", "member", "evaluator", "treasurer"):
        email = f"{role}@demo.cih.se"
        assert unread[email] > 0, email
        waiting = Notification.objects.filter(recipient__email=email, read_at=None)
        assert waiting.count() == unread[email]


def test_the_demos_people_are_reminded_of_what_is_due_today(demo):
    def kinds_of(role: str) -> set[str]:
        notices = Notification.objects.filter(recipient__email=f"{role}@demo.cih.se", event=None)
        return set(notices.values_list("kind", flat=True))

    assert {"action_overdue", "initiative_stalled", "follow_up_due"} <= kinds_of("member")
    assert {"idea_waiting_long", "minutes_unpublished"} & kinds_of("coordinator")


def test_the_demo_mails_no_notification_now_or_in_a_digest(demo):
    demo_people = [email for email, *_rest in USERS]

    assert Delivery.objects.count() == Notification.objects.count()
    assert digests_send(frequency="daily") == digests_send(frequency="weekly") == 0
    assert not OutgoingMail.objects.filter(recipient__in=demo_people).exists()


def test_loading_the_demo_again_tells_nobody_twice(demo):
    made = Notification.objects.count()

    call_command("seed_demo", verbosity=0)

    assert Notification.objects.count() == made
