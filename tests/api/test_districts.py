"""The open data read for one district: the lists of initiatives, needs and workshops take
`district`, each item names its district, and an unknown district is a JSON 400."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import District
from tests.api.conftest import publish

pytestmark = pytest.mark.django_db

LISTS = ("initiatives", "needs", "workshops")


@pytest.fixture
def districts():
    return (
        District.objects.create(slug="husby", name_sv="Husby"),
        District.objects.create(slug="akalla", name_sv="Akalla"),
    )


@pytest.fixture
def spread(districts):
    """Three of each thing: one of Husby, one of Akalla, one of the whole collaboration."""
    made = publish(3)
    husby, akalla = districts
    for kind in LISTS:
        for thing, district in zip(made[kind], (husby, akalla, None), strict=True):
            thing.district = district
            thing.save(update_fields=["district"])
    return made


@pytest.mark.parametrize("kind", LISTS)
def test_a_list_for_a_district_has_its_things_and_the_whole_collaborations(client, spread, kind):
    items = client.get(f"/api/v1/{kind}?district=husby").json()["items"]
    assert sorted(item["id"] for item in items) == sorted(t.pk for t in spread[kind][0::2])
    assert {item["district"] for item in items} == {"husby", None}


@pytest.mark.parametrize("kind", LISTS)
def test_every_item_names_its_district(client, spread, kind):
    named = {item["id"]: item["district"] for item in client.get(f"/api/v1/{kind}").json()["items"]}
    assert [named[t.pk] for t in spread[kind]] == ["husby", "akalla", None]


def test_an_initiative_names_its_district(client, spread):
    initiative = spread["initiatives"][1]
    assert client.get(f"/api/v1/initiatives/{initiative.pk}").json()["district"] == "akalla"


@pytest.mark.parametrize("kind", LISTS)
def test_an_unknown_district_is_a_json_400_naming_the_districts(client, districts, kind):
    response = client.get(f"/api/v1/{kind}?district=nowhere", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["error"] == "bad_request"
    assert body["message"] == "Unknown district: nowhere. The districts are: husby, akalla."


@pytest.mark.parametrize("size", [1, 20])
@pytest.mark.parametrize(
    ("kind", "queries"),
    # the district, the page (+ for initiatives their sums from the ledger, grants, follow-ups)
    [("initiatives", 3), ("needs", 2), ("workshops", 2)],
)
def test_the_filter_costs_one_query_whatever_the_data(client, districts, kind, queries, size):
    publish(size)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/api/v1/{kind}?district=husby").status_code == 200
    assert len(captured) == queries


def test_the_schema_documents_the_filter_and_the_field(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/initiatives", "/api/v1/needs", "/api/v1/workshops"):
        names = [p["name"] for p in document["paths"][path]["get"]["parameters"]]
        assert "district" in names, path
    for schema in ("Initiative", "Need", "Workshop"):
        field = document["components"]["schemas"][schema]["properties"]["district"]
        assert {"type": "null"} in field["anyOf"], schema
