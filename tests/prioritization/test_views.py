import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from focusgroups.choices import IdeaStatus
from prioritization.choices import RoundStatus
from prioritization.models import DataPoint, Intervention, Need, Outcome, PrioritisationRound, Score
from tests.factories import OrganisationFactory
from tests.focusgroups.factories import IdeaFactory, InsightFactory
from tests.prioritization.factories import (
    FocusAreaFactory,
    IndicatorFactory,
    NeedFactory,
    OutcomeFactory,
    RoundFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


def score_data(needs, urgency="4", capacity="3"):
    data = {}
    for need in needs:
        data[f"need-{need.pk}-urgency"] = urgency
        data[f"need-{need.pk}-capacity"] = capacity
        data[f"need-{need.pk}-contribution"] = "Lokaler på kvällstid"
    return data


# Rounds ----------------------------------------------------------------------------------------


def test_coordinator_opens_a_round(client_for):
    needs = NeedFactory.create_batch(2)
    response = client_for("coordinator").post(
        reverse("prioritization:round_create"),
        {"title_sv": "Våren", "needs": [n.pk for n in needs]},
    )
    round_ = PrioritisationRound.objects.get()
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    assert round_.needs.count() == 2


def test_a_round_without_needs_is_refused(client_for):
    response = client_for("coordinator").post(
        reverse("prioritization:round_create"), {"title_sv": "Våren"}
    )
    assert response.status_code == 200 and "needs" in response.context["form"].errors
    assert not PrioritisationRound.objects.exists()


def test_member_scores_every_need_and_may_change_the_scores(client_for, organisation):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(needs=needs)
    client = client_for("member")
    url = reverse("prioritization:round_score", args=[round_.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, score_data(needs)).status_code == 302
    assert client.post(url, score_data(needs, urgency="5")).status_code == 302
    assert sorted(Score.objects.values_list("urgency", "capacity", "organisation")) == [
        (5, 3, organisation.pk),
        (5, 3, organisation.pk),
    ]
    page = client.get(url).content.decode()
    assert page.count("checked") == 4  # both scales of both needs come back filled in


def test_a_need_left_blank_is_not_scored_yet(client_for):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(needs=needs)
    response = client_for("member").post(
        reverse("prioritization:round_score", args=[round_.pk]), score_data(needs[:1])
    )
    assert response.status_code == 302 and Score.objects.count() == 1


@pytest.mark.parametrize("urgency,capacity", [("6", "3"), ("0", "3"), ("3", "x"), ("3", "")])
def test_bad_scores_get_the_form_back_and_nothing_is_saved(client_for, urgency, capacity):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(needs=needs)
    data = {**score_data(needs[:1]), **score_data(needs[1:], urgency, capacity)}
    response = client_for("member").post(
        reverse("prioritization:round_score", args=[round_.pk]), data
    )
    assert response.status_code == 400
    assert not Score.objects.exists()


def test_scoring_nothing_is_refused(client_for):
    round_ = RoundFactory(needs=NeedFactory.create_batch(1))
    response = client_for("member").post(
        reverse("prioritization:round_score", args=[round_.pk]), {}
    )
    assert response.status_code == 400 and not Score.objects.exists()


def test_a_coordinator_outside_any_organisation_cannot_score(client_for):
    needs = NeedFactory.create_batch(1)
    round_ = RoundFactory(needs=needs)
    response = client_for("coordinator").post(
        reverse("prioritization:round_score", args=[round_.pk]), score_data(needs)
    )
    assert response.status_code == 403 and not Score.objects.exists()


def test_scores_cannot_be_sent_to_a_closed_round(client_for):
    needs = NeedFactory.create_batch(1)
    round_ = RoundFactory(needs=needs, status=RoundStatus.CLOSED)
    response = client_for("member").post(
        reverse("prioritization:round_score", args=[round_.pk]), score_data(needs)
    )
    assert response.status_code == 302 and not Score.objects.exists()


def test_coordinator_closes_a_round_and_everyone_sees_the_matrix(client_for, organisation):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(needs=needs)
    ScoreFactory(round=round_, need=needs[0], organisation=organisation, urgency=5, capacity=4)
    response = client_for("coordinator").post(
        reverse("prioritization:round_close", args=[round_.pk]), {"without_missing": "on"}
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    page = client_for("anonymous").get(reverse("prioritization:matrix")).content.decode()
    assert "<svg" in page and needs[0].title_sv in page and "5,00" in page
    round_page = client_for("anonymous").get(round_.get_absolute_url()).content.decode()
    assert "<td>Agera nu</td>" in round_page  # urgent (5) and able (4): the quadrant, in Swedish


def test_the_close_page_tells_who_has_scored_before_anything_is_published(
    client_for, organisation, other_organisation
):
    OrganisationFactory(name="Nedlagd förening", active=False)
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(needs=needs)
    ScoreFactory(round=round_, need=needs[0], organisation=organisation)
    client = client_for("coordinator")
    url = reverse("prioritization:round_close", args=[round_.pk])
    page = client.get(url).content.decode()
    assert "1 av 2 organisationer har bedömt." in page
    assert "Har inte bedömt än: Husby FF" in page and "Nedlagd förening" not in page
    assert "Folkets Husby (1 av 2)" in page  # scored one need of two
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN

    response = client.post(url)
    assert response.status_code == 400 and "without_missing" in response.context["form"].errors
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN and not round_.results.exists()

    assert client.post(url, {"without_missing": "on"}).status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED


def test_the_round_page_links_to_the_close_page_and_shows_the_turnout(
    client_for, organisation, other_organisation
):
    needs = NeedFactory.create_batch(1)
    round_ = RoundFactory(needs=needs)
    ScoreFactory(round=round_, need=needs[0], organisation=organisation)
    page = client_for("coordinator").get(round_.get_absolute_url()).content.decode()
    assert f'href="{reverse("prioritization:round_close", args=[round_.pk])}"' in page
    assert "1 av 2 organisationer har bedömt." in page and "Har inte bedömt än: Husby FF" in page


def test_closing_a_round_without_scores_leaves_it_open_with_a_message(client_for):
    round_ = RoundFactory(needs=NeedFactory.create_batch(1))
    url = reverse("prioritization:round_close", args=[round_.pk])
    assert "inte stängas" in client_for("coordinator").get(url).content.decode()
    response = client_for("coordinator").post(url, {"without_missing": "on"})
    assert response.status_code == 400 and "inte stängas" in response.content.decode()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


def test_a_closed_round_has_no_close_page(client_for):
    round_ = RoundFactory(needs=NeedFactory.create_batch(1), status=RoundStatus.CLOSED)
    response = client_for("coordinator").get(
        reverse("prioritization:round_close", args=[round_.pk])
    )
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()


def test_the_closing_date_is_shown_on_the_round_to_members_while_it_is_open(
    client_for, organisation
):
    needs = NeedFactory.create_batch(1)
    response = client_for("coordinator").post(
        reverse("prioritization:round_create"),
        {"title_sv": "Våren", "closes_on": "2099-05-15", "needs": [n.pk for n in needs]},
    )
    round_ = PrioritisationRound.objects.get()
    assert response.status_code == 302 and round_.closes_on == datetime.date(2099, 5, 15)
    member = client_for("member")
    for url in (
        round_.get_absolute_url(),
        reverse("prioritization:round_score", args=[round_.pk]),
        reverse("portal:dashboard"),
    ):
        assert "Sista dagen att bedöma: 15 maj 2099" in member.get(url).content.decode(), url
    ScoreFactory(round=round_, need=needs[0], organisation=organisation)
    client_for("coordinator").post(
        reverse("prioritization:round_close", args=[round_.pk]), {"without_missing": "on"}
    )
    assert "Sista dagen" not in member.get(round_.get_absolute_url()).content.decode()


def test_a_round_past_its_closing_date_says_so(client_for):
    round_ = RoundFactory(needs=NeedFactory.create_batch(1), closes_on=datetime.date(2020, 1, 2))
    page = client_for("member").get(round_.get_absolute_url()).content.decode()
    assert "Sista dagen att bedöma, 2 januari 2020, har passerat" in page


def test_a_closing_date_in_the_past_gets_the_form_back(client_for):
    needs = NeedFactory.create_batch(1)
    response = client_for("coordinator").post(
        reverse("prioritization:round_create"),
        {"title_sv": "Våren", "closes_on": "2020-01-01", "needs": [n.pk for n in needs]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"] == [
        "Sista dagen kan inte ha passerat redan."
    ]
    assert not PrioritisationRound.objects.exists()


def test_an_open_round_hides_the_scores(client_for, organisation):
    need = NeedFactory()
    round_ = RoundFactory(needs=[need])
    ScoreFactory(
        round=round_,
        need=need,
        organisation=organisation,
        urgency=5,
        capacity=4,
        contribution="Hemligt",
    )
    page = client_for("outsider").get(round_.get_absolute_url()).content.decode()
    assert organisation.name in page and "Hemligt" not in page


# CSV import -----------------------------------------------------------------------------------


def upload(content: bytes, name="data.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_coordinator_imports_a_csv_file(client_for):
    IndicatorFactory(slug="safe")
    response = client_for("coordinator").post(
        reverse("prioritization:datapoint_import"),
        {"file": upload(b"indicator;period;value\nsafe;2024;61,5\n")},
    )
    assert response.status_code == 302 and DataPoint.objects.count() == 1


def test_a_bad_csv_file_lists_its_errors_by_line_and_imports_nothing(client_for):
    IndicatorFactory(slug="safe")
    response = client_for("coordinator").post(
        reverse("prioritization:datapoint_import"),
        {"file": upload(b"indicator,period,value\nsafe,2024,1\nsafe,20x4,2\nnope,2024,3\n")},
    )
    assert response.status_code == 400
    assert response.context["errors"][0][0] == 3 and response.context["errors"][1][0] == 4
    assert "<td>3</td>" in response.content.decode()
    assert not DataPoint.objects.exists()


def test_an_image_is_not_a_csv_file(client_for):
    response = client_for("coordinator").post(
        reverse("prioritization:datapoint_import"),
        {"file": upload(b"\x89PNG\r\n\x1a\n\x00\x00", "chart.png")},
    )
    assert response.status_code == 400 and not DataPoint.objects.exists()


# Needs, ideas, outcomes, interventions ----------------------------------------------------


def test_coordinator_records_a_need_with_its_evidence(client_for):
    area = FocusAreaFactory()
    insight = InsightFactory()
    indicator = IndicatorFactory()
    response = client_for("coordinator").post(
        reverse("prioritization:need_create"),
        {
            "title_sv": "Mötesplatser",
            "focus_area": area.pk,
            "status": "identified",
            "insights": [insight.pk],
            "indicators": [indicator.pk],
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert list(need.insights.all()) == [insight] and list(need.indicators.all()) == [indicator]
    assert list(insight.needs.all()) == [need]


def test_a_need_without_a_title_is_refused(client_for):
    response = client_for("coordinator").post(
        reverse("prioritization:need_create"),
        {"focus_area": FocusAreaFactory().pk, "status": "identified"},
    )
    assert response.status_code == 200 and not Need.objects.exists()


def test_coordinator_turns_an_idea_into_a_need(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    idea = IdeaFactory()
    area = FocusAreaFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("prioritization:idea_moderate", args=[idea.pk]),
            {"outcome": "need", "reply": "Tack!", "focus_area": area.pk, "title_sv": "Utegym"},
        )
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert f"http://127.0.0.1:8000/needs/{need.pk}/" in mailoutbox[0].body  # SITE_URL


def test_moderating_into_a_need_without_a_focus_area_gives_the_form_back(client_for, mailoutbox):
    idea = IdeaFactory()
    response = client_for("coordinator").post(
        reverse("prioritization:idea_moderate", args=[idea.pk]),
        {"outcome": "need", "reply": "Tack!", "title_sv": "X"},
    )
    assert response.status_code == 200 and "focus_area" in response.context["form"].errors
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.AWAITING and not mailoutbox


def test_coordinator_declines_an_idea_politely(client_for):
    idea = IdeaFactory()
    response = client_for("coordinator").post(
        reverse("prioritization:idea_moderate", args=[idea.pk]),
        {"outcome": "decline", "reply": "Det ligger utanför."},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED
    assert (
        client_for("coordinator")
        .get(reverse("prioritization:idea_moderate", args=[idea.pk]))
        .status_code
        == 404
    )


def test_coordinator_defines_an_outcome_with_a_baseline_and_target(client_for):
    need = NeedFactory()
    indicator = IndicatorFactory()
    response = client_for("coordinator").post(
        reverse("prioritization:outcome_create", args=[need.pk]),
        {
            "title_sv": "Fler unga har en plats",
            "measures-TOTAL_FORMS": "1",
            "measures-INITIAL_FORMS": "0",
            "measures-0-indicator": indicator.pk,
            "measures-0-baseline": "33",
            "measures-0-baseline_period": "2024",
            "measures-0-target": "40",
            "measures-0-target_period": "2027",
        },
    )
    outcome = Outcome.objects.get()
    assert response.status_code == 302
    assert outcome.measures.get().target == 40


def test_an_outcome_with_a_bad_period_saves_nothing(client_for):
    need = NeedFactory()
    response = client_for("coordinator").post(
        reverse("prioritization:outcome_create", args=[need.pk]),
        {
            "title_sv": "X",
            "measures-TOTAL_FORMS": "1",
            "measures-INITIAL_FORMS": "0",
            "measures-0-indicator": IndicatorFactory().pk,
            "measures-0-baseline": "33",
            "measures-0-baseline_period": "last year",
            "measures-0-target": "40",
            "measures-0-target_period": "2027",
        },
    )
    assert response.status_code == 200 and not Outcome.objects.exists()


def test_coordinator_adds_an_intervention_with_evidence(client_for):
    outcome = OutcomeFactory()
    response = client_for("coordinator").post(
        reverse("prioritization:intervention_create", args=[outcome.pk]),
        {
            "title_sv": "Kvällsöppet",
            "status": "candidate",
            "evidence_strength": "moderate",
            "evidence_source": "MUCF",
            "evidence_url": "https://www.mucf.se/",
        },
    )
    assert response.status_code == 302
    assert Intervention.objects.get().evidence_source == "MUCF"
    bad = client_for("coordinator").post(
        reverse("prioritization:intervention_create", args=[outcome.pk]),
        {"title_sv": "X", "status": "candidate", "evidence_strength": "proven beyond doubt"},
    )
    assert bad.status_code == 200 and Intervention.objects.count() == 1


def test_coordinator_edits_a_focus_area(client_for):
    area = FocusAreaFactory(slug="safety")
    response = client_for("coordinator").post(
        reverse("prioritization:focusarea_edit", args=["safety"]),
        {"name_sv": "Trygghet", "slug": "safety", "position": 3},
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert (area.name_sv, area.position) == ("Trygghet", 3)


def test_the_english_page_falls_back_to_swedish(client):
    area = FocusAreaFactory(slug="x", name_sv="Trygghet")
    assert "Trygghet" in client.get(f"/en{area.get_absolute_url()}").content.decode()
