"""Who may use the open-data API: every address × every role. Everyone reads the same public
data, logged in or not; no address takes a write."""

from types import SimpleNamespace

import pytest

from tests.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory
from tests.matrix import Case, check_case, public, urls_of

url = urls_of("api")
NOT_ALLOWED = dict.fromkeys(ROLES, 405)

READS = [
    ("api:initiative_list", url("initiative_list")),
    ("api:initiative_detail", url("initiative_detail", "initiative")),
    ("api:need_list", url("need_list")),
    ("api:focus_area_list", url("focus_area_list")),
    ("api:indicator_list", url("indicator_list")),
    ("api:round_result_list", url("round_result_list")),
    ("api:funding_totals", url("funding_totals")),
    ("api:workshop_list", url("workshop_list")),
    ("api:organisation_list", url("organisation_list")),
    ("api:openapi-json", url("openapi-json")),
    # the root names the document
    ("api:api-root", url("api-root")),
]

CASES = [Case(name, address, public()) for name, address in READS] + [
    Case(name, address, NOT_ALLOWED, method=method)
    for name, address in READS
    for method in ("post", "put", "delete")
]


@pytest.fixture
def objects(people):
    return SimpleNamespace(initiative=InitiativeFactory(step="proposal"))


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)


@pytest.mark.django_db
def test_a_draft_is_not_found_for_anyone(client_for, people):
    draft = InitiativeFactory(step="needs")
    for role in ROLES:
        response = client_for(role).get(f"/api/v1/initiatives/{draft.pk}")
        assert response.status_code == 404, role
