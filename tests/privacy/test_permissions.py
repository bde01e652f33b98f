"""Who may open the data-rights pages: every URL of the app × every role. The notice and the
statement are everyone's; a person's data and account are only ever their own, so every role
with an account gets its own page and nobody can name another's."""

from types import SimpleNamespace

import pytest

from tests.conftest import ROLES
from tests.matrix import LOGIN, Case, allow, check_case, public, urls_of

url = urls_of("privacy")
EVERYONE = allow("member", "outsider", "coordinator", "treasurer", "evaluator", "admin")

CASES = [
    Case("privacy:notice", url("notice"), public()),
    Case("privacy:accessibility", url("accessibility"), public()),
    # An empty report comes back with its errors; nothing is sent.
    Case("privacy:accessibility", url("accessibility"), public(), method="post"),
    Case("privacy:barrier_sent", url("barrier_sent"), public()),
    Case("privacy:account", url("account"), EVERYONE),
    Case("privacy:data_download", url("data_download"), EVERYONE),
    Case("privacy:account_delete", url("account_delete"), EVERYONE),
    # Without the password nothing is deleted: the form comes back.
    Case(
        "privacy:account_delete",
        url("account_delete"),
        {**dict.fromkeys(ROLES, 400), "anonymous": LOGIN},
        method="post",
    ),
    Case("privacy:account_deleted", url("account_deleted"), public()),
]


@pytest.fixture
def objects(people):
    return SimpleNamespace()


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
