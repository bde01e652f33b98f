"""The open-data ZIP and the API publish the same figures: the same initiatives, needs, round
results, data points and money, read from the demo collaboration through each."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.reports.conftest import load_demo

pytestmark = pytest.mark.django_db


def zip_tables(client) -> dict[str, list[dict]]:
    response = client.get(reverse("reports:open_data_download"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in archive.namelist()
        if name.endswith(".csv")
    }


def everything(client, path: str) -> list[dict]:
    items, url = [], f"{path}?limit=100"
    while url:
        body = client.get(url).json()
        items += body["items"]
        url = body["next"]
    return items


def number(text: str) -> Decimal | None:
    return Decimal(text) if text not in ("", None) else None


def _initiatives_are_the_same(client, demo_tables):
    in_zip = {
        int(row["id"]): (row["step"], number(row["budget"]), row["starts_on"], row["title_sv"])
        for row in demo_tables["initiatives.csv"]
    }
    in_api = {
        i["id"]: (i["step"], number(i["funding"]["budget"]), i["starts_on"], i["title_sv"])
        for i in everything(client, "/api/v1/initiatives")
    }
    assert in_api == in_zip and in_api


def _needs_are_the_same(client, demo_tables):
    in_zip = {
        int(row["id"]): (row["status"], row["prioritised_at"] or None)
        for row in demo_tables["needs.csv"]
    }
    in_api = {
        n["id"]: (n["status"], n["prioritised_at"]) for n in everything(client, "/api/v1/needs")
    }
    assert in_api == in_zip and in_api


def _round_results_are_the_same(client, demo_tables):
    def key(need, rank, urgency, capacity, organisations):
        return (int(need), int(rank), number(urgency), number(capacity), int(organisations))

    in_zip = sorted(
        key(r["need_id"], r["rank"], r["urgency"], r["capacity"], r["organisations"])
        for r in demo_tables["prioritisation_results.csv"]
    )
    in_api = sorted(
        key(r["need_id"], r["rank"], r["urgency"], r["capacity"], r["organisations"])
        for r in everything(client, "/api/v1/prioritisation-results")
    )
    assert in_api == in_zip and in_api


def _data_points_are_the_same(client, demo_tables):
    in_zip = sorted(
        (r["indicator"], r["period"], r["target_group"], number(r["value"]))
        for r in demo_tables["indicators.csv"]
    )
    in_api = sorted(
        (i["slug"], p["period"], p["target_group"], number(p["value"]))
        for i in everything(client, "/api/v1/indicators")
        for p in i["data_points"]
    )
    assert in_api == in_zip and in_api


def _money_is_the_same(client, demo_tables):
    api = client.get("/api/v1/funding").json()
    in_zip = [
        (r["initiative"], number(r["allocated"]), number(r["disbursed"]))
        for r in demo_tables["funding_per_initiative.csv"]
    ]
    in_api = [
        (r["title_sv"], number(r["allocated"]), number(r["disbursed"]))
        for r in api["per_initiative"]
    ]
    assert in_api == in_zip and in_api
    in_zip = [
        (r["funder"], number(r["pledged"]), number(r["received"]))
        for r in demo_tables["funding_per_funder.csv"]
    ]
    in_api = [(r["funder"], number(r["pledged"]), number(r["received"])) for r in api["per_funder"]]
    assert in_api == in_zip and in_api
    # Each initiative's own money in the list agrees with the totals.
    listed = {i["id"]: i["funding"] for i in everything(client, "/api/v1/initiatives")}
    for row in api["per_initiative"]:
        assert number(listed[row["initiative_id"]]["allocated"]) == number(row["allocated"])
        assert number(listed[row["initiative_id"]]["disbursed"]) == number(row["disbursed"])


def test_the_zip_and_the_api_give_the_same_figures(client, settings):
    """One demo for every comparison: loading it is most of the test's time."""
    settings.API_REQUESTS_PER_MINUTE = 10_000
    load_demo()
    tables = zip_tables(client)
    for check in (
        _initiatives_are_the_same,
        _needs_are_the_same,
        _round_results_are_the_same,
        _data_points_are_the_same,
        _money_is_the_same,
    ):
        check(client, tables)
