import datetime

import pytest
from django.core import signing
from django.core.exceptions import ValidationError

from actors.models import Event
from actors.translations import translate
from focusgroups import services
from focusgroups.choices import ConsultationStatus, IdeaStatus
from focusgroups.models import Idea
from tests.focusgroups.factories import ConsultationFactory, IdeaFactory, InsightFactory
from tests.prioritization.factories import FocusAreaFactory, NeedFactory

pytestmark = pytest.mark.django_db


def test_a_consultation_is_answered_with_its_date():
    consultation = ConsultationFactory(asked_on=datetime.date(2025, 5, 6))
    services.consultation_answer(
        consultation=consultation,
        answer_sv="Ja",
        answered_on=datetime.date(2025, 5, 27),
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ANSWERED
    assert consultation.answered_on == datetime.date(2025, 5, 27)


def test_an_answer_before_the_question_was_asked_is_refused_and_nothing_changes():
    consultation = ConsultationFactory(asked_on=datetime.date(2025, 5, 6))
    with pytest.raises(ValidationError) as error:
        services.consultation_answer(
            consultation=consultation,
            answer_sv="Ja",
            answered_on=datetime.date(2025, 5, 5),
        )
    assert "answered_on" in error.value.error_dict
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ASKED and consultation.answer_sv == ""


def test_the_database_refuses_an_answer_before_the_question_too():
    from django.db import IntegrityError, transaction

    consultation = ConsultationFactory(asked_on=datetime.date(2025, 5, 6))
    consultation.answered_on = datetime.date(2025, 1, 1)
    consultation.status = ConsultationStatus.ANSWERED
    with pytest.raises(IntegrityError), transaction.atomic():
        consultation.save()


def test_an_insight_is_tagged_with_focus_areas():
    insight = InsightFactory()
    areas = FocusAreaFactory.create_batch(2)
    services.insight_save(insight=insight, focus_areas=areas)
    assert set(insight.focus_areas.all()) == set(areas)


def test_a_submitted_idea_waits_for_its_sender_to_confirm(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = services.idea_submit(
            title="Utegym",
            text="Vid skolan",
            email="Resident@Example.org",
            language="en",
        )
    assert idea.status == IdeaStatus.UNCONFIRMED and idea.email == "resident@example.org"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Confirm your idea"  # in the sender's language
    token = message.body.split("http://127.0.0.1:8000/en/ideas/confirm/")[1].split("/")[0]
    assert services.idea_confirm(token=token) == idea


def test_no_mail_leaves_when_the_transaction_is_rolled_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.idea_submit(title="T", text="x", email="a@example.org", language="sv")
                raise RuntimeError
        except RuntimeError:
            pass
    assert not callbacks and not mailoutbox and not Idea.objects.exists()


def test_confirming_twice_is_harmless():
    idea = IdeaFactory(status=IdeaStatus.UNCONFIRMED)
    token = services.idea_confirm_token(idea)
    services.idea_confirm(token=token)
    confirmed_at = Idea.objects.get().confirmed_at
    services.idea_confirm(token=token)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.AWAITING and idea.confirmed_at == confirmed_at


def test_opening_a_link_finds_its_idea_and_changes_nothing():
    idea = IdeaFactory(status=IdeaStatus.UNCONFIRMED)
    assert services.idea_to_confirm(token=services.idea_confirm_token(idea)) == idea
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNCONFIRMED and idea.confirmed_at is None
    assert not Event.objects.exists()


def submit(email: str, address: str = "192.0.2.1") -> Idea:
    return services.idea_submit(
        title="Utegym", text="Vid skolan", email=email, language="sv", address=address
    )


def test_ideas_from_one_e_mail_address_stop_at_its_limit():
    limit = services.IDEAS_PER_EMAIL.limit
    for number in range(limit):
        submit("Resident@Example.org", address=f"192.0.2.{number}")
    with pytest.raises(services.TooManyIdeas):
        submit("resident@example.org")
    assert Idea.objects.count() == limit


def test_ideas_sent_without_an_address_are_not_limited():
    for _ in range(services.IDEAS_PER_EMAIL.limit + 1):
        services.idea_submit(title="T", text="x", email="a@example.org", language="sv")
    assert Idea.objects.count() == services.IDEAS_PER_EMAIL.limit + 1


def test_an_expired_or_forged_link_confirms_nothing(settings):
    idea = IdeaFactory(status=IdeaStatus.UNCONFIRMED)
    token = services.idea_confirm_token(idea)
    with pytest.raises(services.InvalidToken):
        services.idea_confirm(token=token, max_age=-1)
    with pytest.raises(services.InvalidToken):
        services.idea_confirm(token=token[:-2] + "xx")
    forged = signing.dumps({"idea": idea.pk, "email": "other@example.org"}, salt=services.IDEA_SALT)
    with pytest.raises(services.InvalidToken):
        services.idea_confirm(token=forged)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNCONFIRMED


def test_an_idea_taken_up_names_the_need_in_its_sender_s_language(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(language="so")
    need = NeedFactory(title_sv="Utegym för alla")
    translate(need, "so", title="Jimicsi bannaanka oo loogu talagalay dhammaan")
    need.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_accept(
            idea=idea, reply="Mahadsanid!", actor=coordinator, need=need, need_url="/so/needs/1/"
        )
    assert "Jimicsi bannaanka oo loogu talagalay dhammaan" in mailoutbox[0].body
    assert "Utegym för alla" not in mailoutbox[0].body
