"""The open data read for one way of working: the initiatives' list takes `way`, each initiative
names its way, and a way the portal does not know is a JSON 400."""

import pytest

from initiatives.choices import WayOfWorking as W
from tests.api.conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def ways(organisation):
    initiatives = publish(3)["initiatives"]
    roles = {
        W.OWN_INITIATIVE: {},
        W.JOINT_INTERVENTION: {"owner": organisation, "responsible_person": "Sara Ali"},
        W.DISTRICT_PROJECT: {
            "commissioner": "Stadsdelsförvaltningen",
            "responsible_manager": "Ali",
        },
    }
    for initiative, (way, people) in zip(initiatives, roles.items(), strict=True):
        initiative.way_of_working = way
        for name, value in people.items():
            setattr(initiative, name, value)
        initiative.save()
    return initiatives


def test_the_list_of_one_way_has_its_initiatives_alone(client, ways):
    items = client.get(f"/api/v1/initiatives?way={W.JOINT_INTERVENTION}").json()["items"]
    assert [item["id"] for item in items] == [ways[1].pk]
    assert items[0]["way_of_working"] == W.JOINT_INTERVENTION


def test_every_initiative_names_its_way(client, ways):
    named = {
        i["id"]: i["way_of_working"] for i in client.get("/api/v1/initiatives").json()["items"]
    }
    assert [named[i.pk] for i in ways] == list(W.values)


def test_an_unknown_way_is_refused_with_a_json_error(client, ways):
    response = client.get("/api/v1/initiatives?way=together")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
