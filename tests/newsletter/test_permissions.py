from types import SimpleNamespace

import pytest
from django.urls import reverse

from newsletter import links
from tests.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory, NeedFactory
from tests.matrix import Case, allow, check_case, public
from tests.newsletter.factories import EditionFactory, SubscriberFactory
from tests.newsletter.following import follower_of, public_initiative

COORDINATOR_ONLY = allow("coordinator", "admin")
NOT_ALLOWED = dict.fromkeys(ROLES, 405)


def manage(objects):
    return links.make_token(objects.subscriber, salt=links.MANAGE_SALT)


def stop(objects):
    return links.make_token(objects.follower, salt=links.UNFOLLOW_SALT)


CASES = [
    Case("newsletter:signup", lambda o: reverse("newsletter:signup"), public()),
    Case("newsletter:signup_done", lambda o: reverse("newsletter:signup_done"), public()),
    # A link that was never signed: the same clear refusal for everyone.
    Case(
        "newsletter:confirm",
        lambda o: reverse("newsletter:confirm", args=["not-a-token"]),
        dict.fromkeys(ROLES, 400),
    ),
    Case(
        "newsletter:confirm",
        lambda o: reverse("newsletter:confirm", args=["not-a-token"]),
        dict.fromkeys(ROLES, 400),
        method="post",
    ),
    Case(
        "newsletter:preferences",
        lambda o: reverse("newsletter:preferences", args=[manage(o)]),
        public(),
    ),
    Case(
        "newsletter:unsubscribe",
        lambda o: reverse("newsletter:unsubscribe", args=[manage(o)]),
        public(),
    ),
    Case(
        "newsletter:follow_initiative",
        lambda o: reverse("newsletter:follow_initiative", args=[o.initiative.pk]),
        public(),
    ),
    # A draft is no one's to follow, whoever may read it in the portal.
    Case(
        "newsletter:follow_initiative",
        lambda o: reverse("newsletter:follow_initiative", args=[o.draft.pk]),
        dict.fromkeys(ROLES, 404),
    ),
    Case(
        "newsletter:follow_need",
        lambda o: reverse("newsletter:follow_need", args=[o.need.pk]),
        public(),
    ),
    Case("newsletter:follow_sent", lambda o: reverse("newsletter:follow_sent"), public()),
    Case(
        "newsletter:follow_confirm",
        lambda o: reverse("newsletter:follow_confirm", args=["not-a-token"]),
        dict.fromkeys(ROLES, 400),
    ),
    Case(
        "newsletter:follow_confirm",
        lambda o: reverse("newsletter:follow_confirm", args=["not-a-token"]),
        dict.fromkeys(ROLES, 400),
        method="post",
    ),
    Case(
        "newsletter:unfollow",
        lambda o: reverse("newsletter:unfollow", args=[stop(o)]),
        public(),
    ),
    Case("newsletter:edition_list", lambda o: reverse("newsletter:edition_list"), COORDINATOR_ONLY),
    Case(
        "newsletter:edition_create",
        lambda o: reverse("newsletter:edition_create"),
        COORDINATOR_ONLY,
    ),
    Case("newsletter:edition_draft", lambda o: reverse("newsletter:edition_draft"), NOT_ALLOWED),
    Case(
        "newsletter:edition_draft",
        lambda o: reverse("newsletter:edition_draft"),
        COORDINATOR_ONLY,
        method="post",
    ),
    Case(
        "newsletter:edition_detail",
        lambda o: reverse("newsletter:edition_detail", args=[o.edition.pk]),
        COORDINATOR_ONLY,
    ),
    Case(
        "newsletter:edition_edit",
        lambda o: reverse("newsletter:edition_edit", args=[o.edition.pk]),
        COORDINATOR_ONLY,
    ),
    Case(
        "newsletter:edition_progress",
        lambda o: reverse("newsletter:edition_progress", args=[o.edition.pk]),
        COORDINATOR_ONLY,
    ),
    Case(
        "newsletter:edition_send_test",
        lambda o: reverse("newsletter:edition_send_test", args=[o.edition.pk]),
        NOT_ALLOWED,
    ),
    Case(
        "newsletter:edition_send_test",
        lambda o: reverse("newsletter:edition_send_test", args=[o.edition.pk]),
        COORDINATOR_ONLY,
        method="post",
    ),
    Case(
        "newsletter:edition_send",
        lambda o: reverse("newsletter:edition_send", args=[o.edition.pk]),
        NOT_ALLOWED,
    ),
    Case(
        "newsletter:edition_send",
        lambda o: reverse("newsletter:edition_send", args=[o.edition.pk]),
        COORDINATOR_ONLY,
        method="post",
    ),
]


@pytest.fixture
def objects(db):
    initiative = public_initiative()
    return SimpleNamespace(
        subscriber=SubscriberFactory(),
        edition=EditionFactory(),
        initiative=initiative,
        draft=InitiativeFactory(),
        need=NeedFactory(),
        follower=follower_of(initiative=initiative),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)


@pytest.mark.django_db
def test_an_unknown_edition_is_404_for_a_coordinator(client_for):
    response = client_for("coordinator").get(reverse("newsletter:edition_detail", args=[999]))
    assert response.status_code == 404
