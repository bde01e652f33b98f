from types import SimpleNamespace

import pytest

from tests.conftest import ROLES
from tests.matrix import Case, allow, check_case, public, urls_of
from tests.networks.factories import ContactFactory, NetworkFactory, ParticipantFactory

COORDINATOR_ONLY = allow("coordinator", "admin")
GET_REFUSED = dict.fromkeys(ROLES, 405)
NOT_FOUND = dict.fromkeys(ROLES, 404)

url = urls_of("networks")

CASES = [
    Case("networks:network_list", url("network_list"), public()),
    Case("networks:network_detail", url("network_detail", "network"), public()),
    Case("networks:network_detail", url("network_detail", "inactive"), NOT_FOUND),
    Case("networks:network_manage", url("network_manage"), COORDINATOR_ONLY),
    Case("networks:network_create", url("network_create"), COORDINATOR_ONLY),
    Case("networks:network_edit", url("network_edit", "network"), COORDINATOR_ONLY),
    Case("networks:network_edit", url("network_edit", "inactive"), COORDINATOR_ONLY),
    Case(
        "networks:network_edit",
        url("network_edit", "network"),
        COORDINATOR_ONLY,
        "post",
        lambda o: {"name_sv": "Trygghetsnätverket", "position": 0, "active": "on"},
    ),
    Case("networks:participant_create", url("participant_create", "network"), COORDINATOR_ONLY),
    Case("networks:participant_edit", url("participant_edit", "participant"), COORDINATOR_ONLY),
    Case("networks:participant_delete", url("participant_delete", "participant"), GET_REFUSED),
    Case(
        "networks:participant_delete",
        url("participant_delete", "participant"),
        COORDINATOR_ONLY,
        "post",
    ),
    Case("networks:contact_create", url("contact_create", "network"), COORDINATOR_ONLY),
    Case("networks:contact_edit", url("contact_edit", "contact"), COORDINATOR_ONLY),
    Case("networks:contact_delete", url("contact_delete", "contact"), GET_REFUSED),
    Case("networks:contact_delete", url("contact_delete", "contact"), COORDINATOR_ONLY, "post"),
]


@pytest.fixture
def objects(db):
    network = NetworkFactory()
    return SimpleNamespace(
        network=network,
        inactive=NetworkFactory(active=False),
        participant=ParticipantFactory(network=network),
        contact=ContactFactory(network=network),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
