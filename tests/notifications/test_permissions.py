"""Who may read and mark notifications: every URL of the app × every role. Everyone with an
account has a list of their own; a notice is only ever its recipient's."""

from types import SimpleNamespace

import pytest

from notifications.links import unsubscribe_url
from tests.conftest import ROLES
from tests.matrix import LOGIN, Case, allow, check_case, public, urls_of

from .conftest import moved

url = urls_of("notifications")
EVERYONE = allow("member", "outsider", "coordinator", "treasurer", "evaluator", "admin")
POST_ONLY = dict.fromkeys(ROLES, 405)

CASES = [
    Case("notifications:list", url("list"), EVERYONE),
    # Opening a notice leads on to what it tells of; anyone else's is not there for them.
    Case(
        "notifications:open",
        url("open", "notification"),
        {**dict.fromkeys(ROLES, 404), "member": 302, "anonymous": LOGIN},
    ),
    Case("notifications:read_all", url("read_all"), POST_ONLY),
    Case("notifications:read_all", url("read_all"), EVERYONE, method="post"),
    Case("notifications:preferences", url("preferences"), EVERYONE),
    # An empty form comes back with its errors; nothing is saved.
    Case("notifications:preferences", url("preferences"), EVERYONE, method="post"),
    # The signed link is the key: anyone who holds it, logged in or not.
    Case("notifications:unsubscribe", url("unsubscribe", "token"), public()),
    Case("notifications:unsubscribe", url("unsubscribe", "token"), public(), method="post"),
]


@pytest.fixture
def objects(people, initiative, fan_out):
    moved(initiative, "decision")
    fan_out()
    link = unsubscribe_url(user=people.member, kinds=["initiative_moved"], language="sv")
    return SimpleNamespace(
        notification=people.member.notifications.get(), token=link.rstrip("/").rsplit("/", 1)[1]
    )


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
