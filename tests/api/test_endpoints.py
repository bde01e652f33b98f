"""The open-data API as a client sees it: what each list holds and never holds, its pages and
filters, refusals as JSON, and the HTTP headers a client relies on."""

import uuid
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils.http import http_date

from actors.choices import PortalRole
from funding.choices import EntryKind
from initiatives.models import Initiative
from tests.factories import user_with_role
from tests.funding.factories import book, make_grant

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/initiatives",
    "/api/v1/needs",
    "/api/v1/focus-areas",
    "/api/v1/indicators",
    "/api/v1/prioritisation-results",
    "/api/v1/workshops",
    "/api/v1/organisations",
]


def test_it_lists_public_initiatives_with_money_and_results(client, published):
    body = client.get("/api/v1/initiatives").json()
    ids = [item["id"] for item in body["items"]]
    assert ids == sorted((i.pk for i in published["initiatives"]), reverse=True)
    assert published["draft"].pk not in ids
    assert published["withdrawn_draft"].pk not in ids
    first = body["items"][-1]
    assert first["funding"] == {
        "budget": "100000.00",
        "granted": "0.00",
        "allocated": "1000.00",
        "disbursed": "400.00",
        "spent": "250.50",
    }
    assert first["results"] == {"participants": 7, "cost_per_participant": "35.79"}
    assert first["url"] == f"/initiatives/{first['id']}/"
    assert body["next_cursor"] is None and body["next"] is None


def test_it_shows_one_initiative_with_its_log_and_follow_ups(client, published):
    initiative = published["initiatives"][0]
    body = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert body["needs"] == [published["needs"][0].pk]
    assert len(body["partners"]) == 1
    assert [(c["from_step"], c["to_step"], c["note"]) for c in body["log"]] == [
        ("funding", "execution", "Beviljad")
    ]
    assert body["follow_ups"][0]["participants"] == 7
    assert body["evaluation"] is None


@pytest.mark.parametrize("key", ["draft", "withdrawn_draft"])
def test_it_never_shows_a_draft(client, published, key):
    response = client.get(f"/api/v1/initiatives/{published[key].pk}")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_lists_only_what_the_public_pages_show(client, published):
    workshops = client.get("/api/v1/workshops").json()["items"]
    assert published["draft_workshop"].pk not in [w["id"] for w in workshops]
    assert len(workshops) == 3
    organisations = [o["slug"] for o in client.get("/api/v1/organisations").json()["items"]]
    assert published["inactive"].slug not in organisations
    results = client.get("/api/v1/prioritisation-results").json()["items"]
    assert {r["round_sv"] for r in results} == {"Våren"}
    indicator = client.get("/api/v1/indicators?limit=1").json()["items"][0]
    assert indicator["data_points"] == [
        {"period": "2025", "target_group": "", "value": "12.5000"},
        {"period": "2025", "target_group": "young-16-25", "value": "14.2500"},
    ]


@pytest.mark.parametrize("path", LISTS)
def test_it_walks_every_list_page_by_page_without_repeats(client, published, path):
    seen, url = [], f"{path}?limit=1"
    while url:
        body = client.get(url).json()
        seen += [item.get("id", item.get("slug", item.get("rank"))) for item in body["items"]]
        assert len(body["items"]) <= 1
        url = body["next"]
    everything = client.get(f"{path}?limit=100").json()["items"]
    assert len(seen) == len(everything)


def test_it_filters_initiatives(client, published):
    first = published["initiatives"][0]
    Initiative.objects.filter(pk=first.pk).update(step="completed")
    assert [i["id"] for i in client.get("/api/v1/initiatives?step=completed").json()["items"]] == [
        first.pk
    ]
    assert client.get("/api/v1/initiatives?focus_area=nowhere").json()["items"] == []
    assert len(client.get("/api/v1/initiatives?focus_area=safety").json()["items"]) == 3
    assert client.get("/api/v1/initiatives?starts_from=2027-01-01").json()["items"] == []
    assert len(client.get("/api/v1/initiatives?starts_until=2026-01-01").json()["items"]) == 3
    assert (
        client.get("/api/v1/initiatives?updated_since=2100-01-01T00:00:00Z").json()["items"] == []
    )
    # Any offset a client may write, even one PostgreSQL would refuse, and none (Swedish time).
    for moment in ("2548-11-30T23:19:37-23:26", "2100-01-01T00:00:00"):
        response = client.get(f"/api/v1/initiatives?updated_since={moment}")
        assert response.json()["items"] == [], moment
    assert (
        len(
            client.get("/api/v1/initiatives?updated_since=2000-01-01T00:00:00-23:00").json()[
                "items"
            ]
        )
        == 3
    )


@pytest.mark.parametrize(
    "query",
    [
        "?district=nowhere",  # a district the collaboration does not have
        "?region=husby",  # an unknown filter
        "?limit=100000",
        "?limit=0",
        "?limit=ten",
        "?cursor=not-a-cursor",
        "?step=needs",
        "?starts_from=yesterday",
        "?limit=5&limit=6",
        "?cursor=" + "x" * 501,
        "?updated_since=9999-12-31T23:59:59-23:00",
        "?updated_since=0001-01-01T00:00:00%2B05:00",
    ],
)
def test_it_refuses_bad_input_with_a_json_400(client, published, query):
    response = client.get(f"/api/v1/initiatives{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["error"] == "bad_request"
    assert response.json()["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_nul_character_is_a_json_400(client, db):
    response = client.get("/api/v1/initiatives?focus_area=a%00b")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_messages_speak_the_clients_language(client, db):
    english = client.get("/api/v1/initiatives?region=x", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["message"].startswith("Unknown parameters: region.")
    swedish = client.get("/api/v1/initiatives?region=x", HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish.json()["message"].startswith("Okända parametrar: region.")


def test_a_cursor_of_one_list_is_refused_by_another(client, published):
    cursor = client.get("/api/v1/initiatives?limit=1").json()["next_cursor"]
    assert client.get(f"/api/v1/workshops?cursor={cursor}").status_code == 400
    # needs and results both page by id: a cursor still belongs to its own list
    cursor = client.get("/api/v1/needs?limit=1").json()["next_cursor"]
    assert client.get(f"/api/v1/prioritisation-results?cursor={cursor}").status_code == 400
    assert client.get(f"/api/v1/needs?cursor={cursor}").status_code == 200


@pytest.mark.parametrize("pk", ["0", "-1", "99999999999999999999", "abc"])
def test_an_impossible_id_is_refused_not_an_error(client, db, pk):
    assert client.get(f"/api/v1/initiatives/{pk}").status_code in (400, 404)


def test_it_answers_304_to_a_client_that_holds_the_answer(client, published):
    response = client.get("/api/v1/initiatives")
    etag, modified = response["ETag"], response["Last-Modified"]
    again = client.get("/api/v1/initiatives", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert modified == http_date(max(i.updated for i in Initiative.objects.public()).timestamp())
    Initiative.objects.filter(pk=published["initiatives"][0].pk).update(title_sv="Nytt namn")
    assert client.get("/api/v1/initiatives", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_money_booked_since_is_never_a_304(client, published):
    """A booking changes an initiative's money but not the initiative: only the ETag can tell,
    so If-Modified-Since alone never gets a 304."""
    response = client.get("/api/v1/initiatives")
    initiative = published["initiatives"][0]
    treasurer = user_with_role(PortalRole.TREASURER)
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    book(treasurer, EntryKind.ALLOCATION, grant, Decimal("500.00"), initiative=initiative)
    again = client.get(
        "/api/v1/initiatives",
        HTTP_IF_NONE_MATCH=response["ETag"],
        HTTP_IF_MODIFIED_SINCE=response["Last-Modified"],
    )
    assert again.status_code == 200 and again["Last-Modified"] == response["Last-Modified"]
    assert (
        client.get(
            "/api/v1/initiatives", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
        ).status_code
        == 200
    )


def test_it_allows_any_origin_to_read(client, db):
    response = client.get("/api/v1/focus-areas", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/focus-areas",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    # Only the API: the portal's pages are not for other sites' scripts.
    assert not client.get("/").has_header("Access-Control-Allow-Origin")


def test_a_head_request_gets_the_headers_of_a_get(client, published):
    response = client.head("/api/v1/initiatives")
    assert response.status_code == 200 and response.content == b""
    assert response["ETag"] == client.get("/api/v1/initiatives")["ETag"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_only_reads(client, db, method):
    assert getattr(client, method)("/api/v1/initiatives").status_code == 405


def test_it_limits_requests_per_address(client, db, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    statuses = [client.get("/api/v1/focus-areas").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/focus-areas")
    assert refused.json()["error"] == "too_many_requests"
    assert refused["Retry-After"] == "60"
    assert refused["Access-Control-Allow-Origin"] == "*"
    # Another address has its own count.
    assert client.get("/api/v1/focus-areas", REMOTE_ADDR="10.0.0.9").status_code == 200
    cache.clear()
    assert client.get("/api/v1/focus-areas").status_code == 200


def test_it_keeps_whole_answers_until_a_write(client, published, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert client.get("/api/v1/initiatives")["X-Page-Cache"] == "miss"
    hit = client.get("/api/v1/initiatives")
    assert hit["X-Page-Cache"] == "hit" and hit.json()["items"]
    assert client.get("/api/v1/initiatives?limit=1")["X-Page-Cache"] == "miss"
    etag = hit["ETag"]
    assert client.get("/api/v1/initiatives", HTTP_IF_NONE_MATCH=etag).status_code == 304
    initiative = published["initiatives"][0]
    initiative.title_sv = "Nytt namn"
    initiative.save()
    fresh = client.get("/api/v1/initiatives")
    assert fresh["X-Page-Cache"] == "miss" and fresh["ETag"] != etag


def test_the_openapi_document_is_at_a_stable_address(client, db):
    assert client.get("/api/v1/").json() == {"openapi": "/api/v1/openapi.json"}
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/initiatives" in document["paths"]


def test_an_unknown_address_is_a_json_404(client, db):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.services
def test_the_limit_and_the_kept_answers_work_on_redis(client, published, settings):
    """Production counts and keeps in Redis, shared by every web process."""
    redis = {
        "BACKEND": "cih.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/12",
        "KEY_PREFIX": f"api-test-{uuid.uuid4().hex}",
    }
    settings.CACHES = {"default": redis, "pages": redis}
    settings.API_REQUESTS_PER_MINUTE = 3
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/api/v1/initiatives")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/api/v1/initiatives", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    assert client.get("/api/v1/initiatives")["X-Page-Cache"] == "hit"
    refused = client.get("/api/v1/initiatives")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"


def test_the_open_data_page_points_to_the_api(client, db):
    response = client.get("/open-data/")
    assert b'href="/api/v1/openapi.json"' in response.content
