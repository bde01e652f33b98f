"""Scoring rules, closing rounds, moderating ideas, and the events they record."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actors.choices import OrganisationKind
from actors.events import tell
from actors.models import Event
from focusgroups.choices import IdeaStatus
from prioritization import selectors, services, timeline
from prioritization.choices import IdeaOutcome, NeedStatus, RoundStatus
from prioritization.models import Need, RoundResult, Score
from prioritization.services import ScoreInput
from tests.factories import MembershipFactory, OrganisationFactory
from tests.focusgroups.factories import IdeaFactory
from tests.prioritization.factories import FocusAreaFactory, NeedFactory, RoundFactory, ScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs():
    return NeedFactory.create_batch(3)


@pytest.fixture
def open_round(needs):
    return RoundFactory(needs=needs)


def test_round_open_needs_at_least_one_need(coordinator):
    with pytest.raises(ValidationError):
        services.round_open(title_sv="Runda", needs=[], actor=coordinator)


def test_round_open_keeps_its_needs(coordinator, needs):
    round_ = services.round_open(title_sv="Runda", needs=needs[:2], actor=coordinator)
    assert round_.status == RoundStatus.OPEN
    assert set(round_.needs.all()) == set(needs[:2])


def test_round_open_keeps_a_closing_date_that_is_not_past(coordinator, needs):
    today = timezone.localdate()
    round_ = services.round_open(title_sv="Runda", needs=needs, closes_on=today, actor=coordinator)
    assert round_.closes_on == today
    with pytest.raises(ValidationError) as error:
        services.round_open(
            title_sv="Sen", needs=needs, closes_on=today - datetime.timedelta(days=1), actor=None
        )
    assert "closes_on" in error.value.error_dict


def test_a_member_scores_for_their_organisation_and_may_change_the_score(
    open_round, needs, member, organisation
):
    services.round_score(
        round_=open_round,
        organisation=organisation,
        scores=[ScoreInput(needs[0].pk, 4, 2, "Lokaler")],
        actor=member,
    )
    services.round_score(
        round_=open_round,
        organisation=organisation,
        scores=[ScoreInput(needs[0].pk, 5, 3)],
        actor=member,
    )
    score = Score.objects.get()
    assert (score.urgency, score.capacity, score.contribution, score.scored_by) == (
        5,
        3,
        "",
        member,
    )


@pytest.mark.parametrize("urgency,capacity", [(0, 3), (6, 3), (3, 0), (3, 6), (-1, 2)])
def test_scores_outside_1_to_5_are_refused_and_nothing_is_saved(
    open_round, needs, member, organisation, urgency, capacity
):
    with pytest.raises(ValidationError):
        services.round_score(
            round_=open_round,
            organisation=organisation,
            scores=[ScoreInput(needs[0].pk, 3, 3), ScoreInput(needs[1].pk, urgency, capacity)],
            actor=member,
        )
    assert not Score.objects.exists()


def test_scoring_no_need_is_refused(open_round, member, organisation):
    with pytest.raises(ValidationError):
        services.round_score(round_=open_round, organisation=organisation, scores=[], actor=member)
    assert not Score.objects.exists()


def test_a_person_outside_the_organisation_cannot_score_for_it(
    open_round, needs, outsider, coordinator, organisation
):
    for person in (outsider, coordinator):
        with pytest.raises(PermissionDenied):
            services.round_score(
                round_=open_round,
                organisation=organisation,
                scores=[ScoreInput(needs[0].pk, 3, 3)],
                actor=person,
            )
    assert not Score.objects.exists()


def test_a_user_in_no_organisation_cannot_score(open_round, needs, coordinator):
    with pytest.raises(PermissionDenied):
        services.round_score(
            round_=open_round,
            organisation=None,
            scores=[ScoreInput(needs[0].pk, 3, 3)],
            actor=coordinator,
        )


def test_a_need_outside_the_round_cannot_be_scored(open_round, member, organisation):
    other = NeedFactory()
    with pytest.raises(ValidationError):
        services.round_score(
            round_=open_round,
            organisation=organisation,
            scores=[ScoreInput(other.pk, 3, 3)],
            actor=member,
        )


def test_a_closed_round_takes_no_more_scores(needs, member, organisation):
    round_ = RoundFactory(needs=needs, status=RoundStatus.CLOSED)
    with pytest.raises(services.RoundClosed):
        services.round_score(
            round_=round_,
            organisation=organisation,
            scores=[ScoreInput(needs[0].pk, 3, 3)],
            actor=member,
        )
    assert not Score.objects.exists()


def test_closing_a_round_without_scores_is_refused(open_round, coordinator):
    with pytest.raises(ValidationError):
        services.round_close(round_=open_round, actor=coordinator)
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.OPEN
    assert not RoundResult.objects.exists()


def test_closing_ranks_needs_by_urgency_plus_capacity_and_prioritises_the_act_now_quarter(
    open_round, needs, coordinator, organisation, other_organisation
):
    first, second, third = needs
    for org, values in (
        (organisation, [(5, 4), (4, 1), (2, 2)]),
        (other_organisation, [(4, 4), (5, 2), (2, 1)]),
    ):
        for need, (urgency, capacity) in zip(needs, values, strict=True):
            ScoreFactory(
                round=open_round, need=need, organisation=org, urgency=urgency, capacity=capacity
            )
    results = services.round_close(round_=open_round, actor=coordinator)
    assert [(r.need, r.rank) for r in results] == [(first, 1), (second, 2), (third, 3)]
    assert (results[0].urgency, results[0].capacity, results[0].score_count) == (
        Decimal("4.50"),
        Decimal("4.00"),
        2,
    )
    assert [r.quadrant for r in results] == ["act", "build", "watch"]
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.CLOSED and open_round.closed_by == coordinator
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == NeedStatus.PRIORITISED and first.prioritised_at is not None
    assert second.status == NeedStatus.IDENTIFIED
    with pytest.raises(ValidationError):
        services.round_close(round_=open_round, actor=coordinator)
    assert RoundResult.objects.count() == 3


def test_closing_while_an_organisation_has_not_scored_needs_the_coordinators_word(
    open_round, needs, coordinator, organisation, other_organisation
):
    ScoreFactory(round=open_round, need=needs[0], organisation=organisation)
    with pytest.raises(ValidationError) as error:
        services.round_close(round_=open_round, actor=coordinator)
    assert "Husby FF" in error.value.messages[0] and "1" in error.value.messages[0]
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.OPEN and not RoundResult.objects.exists()
    services.round_close(round_=open_round, actor=coordinator, without_missing=True)
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.CLOSED


def test_inactive_organisations_are_not_waited_for(
    open_round, needs, coordinator, organisation, other_organisation
):
    other_organisation.active = False
    other_organisation.save()
    ScoreFactory(round=open_round, need=needs[0], organisation=organisation)
    services.round_close(round_=open_round, actor=coordinator)
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.CLOSED


def test_turnout_counts_active_organisations_and_any_that_scored(
    open_round, needs, organisation, other_organisation
):
    gone = OrganisationFactory(name="Avslutad", active=False)
    OrganisationFactory(name="Vilande", active=False)
    OrganisationFactory(name="Stiftelsen", kind=OrganisationKind.FUNDER)  # pays, does not score
    OrganisationFactory(name="Forskarna", kind=OrganisationKind.RESEARCH)  # evaluates
    for need in needs:
        ScoreFactory(round=open_round, need=need, organisation=gone)
    ScoreFactory(round=open_round, need=needs[0], organisation=organisation)
    turnout = selectors.round_turnout(open_round, need_count=3)
    assert turnout.scored == [("Avslutad", 3), ("Folkets Husby", 1)]
    assert turnout.missing == ["Husby FF"] and turnout.expected == 3
    assert turnout.unfinished == [("Folkets Husby", 1)]


def test_a_need_left_unscored_gets_no_place_in_the_ranking(
    open_round, needs, coordinator, organisation
):
    ScoreFactory(round=open_round, need=needs[0], organisation=organisation)
    results = services.round_close(round_=open_round, actor=coordinator)
    assert [r.need for r in results] == [needs[0]]


def test_closing_a_round_records_one_public_event_with_the_needs_it_prioritised(
    open_round, needs, coordinator, organisation
):
    ScoreFactory(round=open_round, need=needs[0], organisation=organisation, urgency=5, capacity=5)
    services.round_close(round_=open_round, actor=coordinator)
    event = Event.objects.get()
    assert (event.kind, event.public, event.subject, event.actor) == (
        "prioritization.round_closed",
        True,
        open_round,
        coordinator,
    )
    (need,) = timeline.prioritised_needs(event)
    assert (need.title, need.url) == (needs[0].title_sv, needs[0].get_absolute_url())
    told = tell(event)
    assert told.url == open_round.get_absolute_url()
    assert needs[0].title_sv in told.text


def test_an_idea_becomes_a_need_and_its_sender_is_told(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(title="Utegym", text="Ett utegym vid skolan.")
    area = FocusAreaFactory()
    with django_capture_on_commit_callbacks(execute=True):
        need = services.idea_moderate(
            idea=idea,
            outcome=IdeaOutcome.NEED,
            reply="Tack!",
            actor=coordinator,
            focus_area=area,
            title_sv="Utegym för alla",
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED and idea.moderated_by == coordinator
    assert list(need.ideas.all()) == [idea]
    assert need.description_sv == "Ett utegym vid skolan."
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [idea.email]
    assert (
        "Utegym för alla" in mailoutbox[0].body
        and f"http://127.0.0.1:8000/needs/{need.pk}/" in mailoutbox[0].body
    )


def test_an_idea_to_need_without_a_focus_area_saves_nothing(coordinator, mailoutbox):
    idea = IdeaFactory()
    with pytest.raises(ValidationError):
        services.idea_moderate(
            idea=idea, outcome=IdeaOutcome.NEED, reply="x", actor=coordinator, title_sv="T"
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.AWAITING and not Need.objects.exists() and not mailoutbox


@pytest.mark.parametrize(
    "outcome,status",
    [(IdeaOutcome.KEEP, IdeaStatus.KEPT), (IdeaOutcome.DECLINE, IdeaStatus.DECLINED)],
)
def test_an_idea_kept_or_declined_is_answered_by_mail(
    coordinator, mailoutbox, django_capture_on_commit_callbacks, outcome, status
):
    idea = IdeaFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_moderate(
            idea=idea, outcome=outcome, reply="Vi återkommer.", actor=coordinator
        )
    idea.refresh_from_db()
    assert idea.status == status
    assert "Vi återkommer." in mailoutbox[0].body


def test_an_unconfirmed_or_already_declined_idea_cannot_be_moderated(coordinator):
    for status in (IdeaStatus.UNCONFIRMED, IdeaStatus.DECLINED, IdeaStatus.ACCEPTED):
        with pytest.raises(ValidationError):
            services.idea_moderate(
                idea=IdeaFactory(status=status),
                outcome=IdeaOutcome.KEEP,
                reply="x",
                actor=coordinator,
            )


def test_an_idea_kept_for_later_can_later_become_a_need(coordinator):
    idea = IdeaFactory(status=IdeaStatus.KEPT)
    need = services.idea_moderate(
        idea=idea,
        outcome=IdeaOutcome.NEED,
        reply="Nu!",
        actor=coordinator,
        focus_area=FocusAreaFactory(),
        title_sv="T",
    )
    assert need.ideas.get() == idea


def test_the_demo_loads_twice_without_changing_anything(db):
    from django.core.management import call_command

    from focusgroups.models import FocusGroup, Insight
    from prioritization.models import DataPoint, Intervention, Outcome, PrioritisationRound

    models = [
        FocusGroup,
        Insight,
        Need,
        DataPoint,
        PrioritisationRound,
        Score,
        RoundResult,
        Outcome,
        Intervention,
    ]
    call_command("seed_demo", stdout=None)
    counts = [m.objects.count() for m in models]
    call_command("seed_demo")
    assert [m.objects.count() for m in models] == counts
    assert PrioritisationRound.objects.filter(status=RoundStatus.CLOSED).count() == 2
    assert DataPoint.objects.filter(target_group=None).values("period").distinct().count() == 5


def test_member_of_two_organisations_scores_each_separately(
    open_round, needs, member, organisation, other_organisation
):
    MembershipFactory(user=member, organisation=other_organisation)
    member = type(member).objects.get(pk=member.pk)  # fresh: no cached organisations
    for org in (organisation, other_organisation):
        services.round_score(
            round_=open_round,
            organisation=org,
            scores=[ScoreInput(needs[0].pk, 3, 3)],
            actor=member,
        )
    assert Score.objects.count() == 2
