import datetime
import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from actors import ratelimit
from focusgroups import services
from focusgroups.choices import ConsultationStatus, IdeaStatus
from focusgroups.models import FocusGroup, Idea, Insight
from focusgroups.services import IDEAS_PER_CONNECTION, IDEAS_PER_EMAIL, idea_confirm_token
from tests.focusgroups.factories import (
    ConsultationFactory,
    FocusGroupFactory,
    IdeaFactory,
    InsightFactory,
)
from tests.prioritization.factories import FocusAreaFactory, NeedFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

IDEA = {
    "title": "Utegym",
    "text": "Ett utegym vid skolan.",
    "email": "resident@example.org",
    "website": "",
}


def test_it_sends_an_idea_and_the_button_behind_the_link_confirms_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("focusgroups:idea_submit"), IDEA)
    assert response.status_code == 302 and response["Location"] == reverse("focusgroups:idea_sent")
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    response = client.get(link)
    assert response.status_code == 200
    assert "Bekräfta idén" in response.text
    assert Idea.objects.get().status == IdeaStatus.UNCONFIRMED  # a mail scanner confirms nothing
    response = client.post(link)
    assert response.status_code == 200
    assert "Tack. ”Utegym” ligger nu hos samordnarna" in response.text
    assert Idea.objects.get().status == IdeaStatus.AWAITING


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_link_used_again_says_the_idea_is_already_confirmed(client, method):
    idea = IdeaFactory(status=IdeaStatus.UNCONFIRMED)
    url = reverse("focusgroups:idea_confirm", args=[idea_confirm_token(idea)])
    client.post(url)
    confirmed_at = Idea.objects.get().confirmed_at
    response = getattr(client, method)(url)
    assert response.status_code == 200
    assert "Din idé är redan bekräftad" in response.text
    assert Idea.objects.get().confirmed_at == confirmed_at


def old_token(idea) -> str:
    """A confirmation link mailed longer ago than it works."""
    days = services.IDEA_CONFIRM_MAX_AGE // 86400 + 1
    with mock.patch("django.core.signing.time.time", return_value=time.time() - days * 86400):
        return idea_confirm_token(idea)


def test_an_old_link_of_a_confirmed_idea_still_says_so_in_the_senders_language(client):
    idea = IdeaFactory(status=IdeaStatus.AWAITING, language="en")
    with translation.override("en"):
        url = reverse("focusgroups:idea_confirm", args=[old_token(idea)])
    response = client.get(url)
    assert response.status_code == 200
    assert "Your idea is already confirmed" in response.text


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_broken_forged_or_old_link_confirms_nothing(client, method):
    idea = IdeaFactory(status=IdeaStatus.UNCONFIRMED)
    token = idea_confirm_token(idea)
    forged = signing.dumps({"idea": idea.pk, "email": "other@example.org"}, salt=services.IDEA_SALT)
    for bad in (token[:-2] + "xx", "nonsense", forged, old_token(idea)):
        response = getattr(client, method)(reverse("focusgroups:idea_confirm", args=[bad]))
        assert response.status_code == 400 and "Länken fungerar inte" in response.text
    assert Idea.objects.get().status == IdeaStatus.UNCONFIRMED


def test_it_keeps_nothing_from_a_bot_that_fills_the_honeypot(client, mailoutbox):
    response = client.post(
        reverse("focusgroups:idea_submit"), {**IDEA, "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not Idea.objects.exists() and not mailoutbox


def test_it_gives_the_form_back_on_bad_input(client):
    response = client.post(
        reverse("focusgroups:idea_submit"), {**IDEA, "email": "not-an-address", "title": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"email", "title"}
    assert not Idea.objects.exists()


def idea_from(number: int, **data) -> dict:
    return {**IDEA, "email": f"resident{number}@example.org", **data}


def test_a_room_of_residents_on_one_connection_all_send_their_ideas(client):
    """A workshop at Folkets Husby: thirty residents behind one Wi-Fi, some mistyping first."""
    for number in range(30):
        if number % 3 == 0:
            typo = client.post(reverse("focusgroups:idea_submit"), idea_from(number, email="x@"))
            assert typo.status_code == 200
        response = client.post(reverse("focusgroups:idea_submit"), idea_from(number))
        assert response.status_code == 302, number
    assert Idea.objects.count() == 30


def test_it_limits_ideas_per_connection(client):
    for number in range(IDEAS_PER_CONNECTION.limit):
        response = client.post(reverse("focusgroups:idea_submit"), idea_from(number))
        assert response.status_code == 302
    response = client.post(reverse("focusgroups:idea_submit"), idea_from(999))
    assert response.status_code == 429
    assert Idea.objects.count() == IDEAS_PER_CONNECTION.limit
    other = client.post(reverse("focusgroups:idea_submit"), IDEA, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_it_limits_ideas_per_e_mail_address_whatever_the_connection(client):
    for number in range(IDEAS_PER_EMAIL.limit):
        response = client.post(
            reverse("focusgroups:idea_submit"), IDEA, REMOTE_ADDR=f"10.0.1.{number}"
        )
        assert response.status_code == 302
    response = client.post(
        reverse("focusgroups:idea_submit"),
        {**IDEA, "email": IDEA["email"].upper()},
        REMOTE_ADDR="10.0.2.1",
    )
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "För många idéer från den här e-postadressen just nu. Försök igen om en timme."
    ]
    assert Idea.objects.count() == IDEAS_PER_EMAIL.limit


def test_a_refused_idea_is_not_counted(client):
    """Refused by the limit of its e-mail address, an idea does not use up its connection's."""
    for _ in range(IDEAS_PER_EMAIL.limit):
        client.post(reverse("focusgroups:idea_submit"), IDEA, REMOTE_ADDR="10.0.3.1")
    for _ in range(IDEAS_PER_CONNECTION.limit):
        response = client.post(reverse("focusgroups:idea_submit"), IDEA)
        assert response.status_code == 429
    response = client.post(reverse("focusgroups:idea_submit"), idea_from(1))
    assert response.status_code == 302


def use_up(limit: ratelimit.Limit, key: str) -> None:
    for _ in range(limit.limit):
        ratelimit.first_exceeded((limit, key))


@pytest.mark.parametrize("data", [{}, IDEA], ids=["empty", "filled"])
def test_a_limited_post_gets_the_form_back_with_the_limit_whatever_it_holds(client, data):
    use_up(IDEAS_PER_CONNECTION, "127.0.0.1")
    response = client.post(reverse("focusgroups:idea_submit"), data)
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "För många idéer från din uppkoppling just nu. Försök igen om en timme."
    ]
    assert not Idea.objects.exists()


def test_an_empty_post_says_what_is_missing(client):
    response = client.post(reverse("focusgroups:idea_submit"), {})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"title", "text", "email"}


def test_coordinator_records_a_focus_group_with_counts_only(client_for, organisation):
    group = TargetGroupFactory()
    client = client_for("coordinator")
    response = client.post(
        reverse("focusgroups:focusgroup_create"),
        {
            "title_sv": "Unga om fritid",
            "held_on": "2025-03-12",
            "host": organisation.pk,
            "participant_count": 11,
            "age_band": "16–25",
            "target_groups": [group.pk],
            "questions_sv": "Var känner du dig trygg?",
        },
    )
    focus_group = FocusGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == focus_group.get_absolute_url()
    assert focus_group.participant_count == 11
    assert list(focus_group.target_groups.all()) == [group]
    page = client.get(focus_group.get_absolute_url())
    assert "Var känner du dig trygg?" in page.content.decode()


def test_a_focus_group_without_participants_is_refused(client_for, organisation):
    response = client_for("coordinator").post(
        reverse("focusgroups:focusgroup_create"),
        {"title_sv": "X", "held_on": "2025-03-12", "host": organisation.pk, "participant_count": 0},
    )
    assert response.status_code == 200 and "participant_count" in response.context["form"].errors
    assert not FocusGroup.objects.exists()


def test_coordinator_adds_a_tagged_insight(client_for):
    focus_group = FocusGroupFactory()
    area = FocusAreaFactory()
    response = client_for("coordinator").post(
        reverse("focusgroups:insight_create", args=[focus_group.pk]),
        {
            "kind": "quote",
            "text_sv": "Efter sju finns ingenstans att vara.",
            "position": 1,
            "focus_areas": [area.pk],
        },
    )
    assert response.status_code == 302
    assert list(Insight.objects.get().focus_areas.all()) == [area]


def test_an_empty_insight_is_refused(client_for):
    focus_group = FocusGroupFactory()
    response = client_for("coordinator").post(
        reverse("focusgroups:insight_create", args=[focus_group.pk]),
        {"kind": "quote", "text_sv": "", "position": 1},
    )
    assert response.status_code == 200 and not Insight.objects.exists()


def test_coordinator_removes_an_insight(client_for):
    insight = InsightFactory()
    assert (
        client_for("coordinator")
        .post(reverse("focusgroups:insight_delete", args=[insight.pk]))
        .status_code
        == 302
    )
    assert not Insight.objects.exists()
    insight = InsightFactory()
    assert (
        client_for("outsider")
        .post(reverse("focusgroups:insight_delete", args=[insight.pk]))
        .status_code
        == 403
    )
    assert Insight.objects.exists()


def test_an_answer_dated_before_the_question_gets_the_form_back(client_for):
    consultation = ConsultationFactory(asked_on=datetime.date(2025, 5, 6))
    response = client_for("coordinator").post(
        reverse("focusgroups:consultation_answer", args=[consultation.pk]),
        {"answered_on": "2025-05-01", "answer_sv": "Ja"},
    )
    assert response.status_code == 400
    assert "answered_on" in response.context["answer_form"].errors
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ASKED


def test_coordinator_records_the_councils_answer(client_for):
    consultation = ConsultationFactory(asked_on=datetime.date(2025, 5, 6))
    response = client_for("coordinator").post(
        reverse("focusgroups:consultation_answer", args=[consultation.pk]),
        {"answered_on": "2025-05-27", "answer_sv": "Ja, men följ upp."},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ANSWERED


def test_focus_group_pages_show_target_groups(client):
    focus_group = FocusGroupFactory()
    group = TargetGroupFactory(name_sv="Föräldrar")
    group.focus_groups.add(focus_group)
    assert "Föräldrar" in client.get(reverse("focusgroups:focusgroup_list")).content.decode()


@pytest.mark.parametrize("size", [1, 30])
def test_list_pages_ask_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    for _ in range(size):
        focus_group = FocusGroupFactory()
        InsightFactory(focus_group=focus_group)
        TargetGroupFactory().focus_groups.add(focus_group)
        NeedFactory().consultations.add(ConsultationFactory())
    # site settings; the districts; count of focus groups, the page of them with their insights
    # counted (+host), their target groups
    with django_assert_num_queries(5):
        client.get(reverse("focusgroups:focusgroup_list"))
    # count of consultations, the page of them, their needs (+focus area)
    with django_assert_num_queries(3):
        client.get(reverse("focusgroups:consultation_list"))


@pytest.mark.parametrize("size", [1, 20])
def test_focus_group_page_asks_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    focus_group = FocusGroupFactory()
    area = FocusAreaFactory()
    for _ in range(size):
        insight = InsightFactory(focus_group=focus_group)
        area.insights.add(insight)
        NeedFactory().insights.add(insight)
        TargetGroupFactory().focus_groups.add(focus_group)
    # the focus group (+host) for permission and again for the page, target groups, insights,
    # their focus areas, their needs (+focus area), site settings
    with django_assert_num_queries(7):
        assert client.get(focus_group.get_absolute_url()).status_code == 200
