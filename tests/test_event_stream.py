"""Every domain action records exactly one event, in its own transaction: a walk over the
services of every app.

Each public function of an app's `services.py` is either an action below, done once with the
events it must record, or among those that record none, with the reason. A new service fails
`test_every_service_is_walked` until it takes its place here.
"""

import datetime
import inspect
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation

from actors import services as actors
from actors import translations as translating
from actors.events import tell
from actors.models import District, Event, Organisation, SiteSettings
from focusgroups import services as focusgroups
from focusgroups.models import CouncilConsultation, FocusGroup, Insight
from funding import services as funding
from funding.choices import EntryKind
from funding.forms import GrantEditForm
from funding.models import Grant
from initiatives import services as initiatives
from initiatives.choices import InitiativeStep as S
from initiatives.forms import DecisionForm, EvaluationForm, FollowUpForm, InitiativeForm
from networks import services as networks
from networks.models import ContactPerson, Network, Participant
from newsletter.services import deliveries as newsletter_deliveries
from newsletter.services import editions as newsletter_editions
from newsletter.services import subscribers as newsletter_subscribers
from prioritization import services as prioritization
from prioritization.models import FocusArea, Indicator, Intervention, Need, Outcome
from privacy import services as privacy
from reports import services as reports
from reports.choices import ReportKind, ReportStatus
from reports.models import ReportRequest
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    translated,
)
from tests.focusgroups.factories import ConsultationFactory, IdeaFactory, InsightFactory
from tests.funding.factories import FunderFactory, book, make_grant
from tests.images import image_bytes
from tests.initiatives.factories import InitiativeFactory, proposal_data
from tests.networks.factories import ContactFactory, NetworkFactory, ParticipantFactory
from tests.newsletter.factories import EditionFactory
from tests.prioritization.factories import (
    FocusAreaFactory,
    IndicatorFactory,
    NeedFactory,
    OutcomeFactory,
    RoundFactory,
    ScoreFactory,
)
from tests.reports.conftest import stored_report
from tests.workshops.factories import (
    ActionFactory,
    MatrixEntryFactory,
    ParkedItemFactory,
    PhotoFactory,
    PlannedWorkshopFactory,
    ThemeSuggestionFactory,
    WorkshopFactory,
)
from workshops import services as workshops
from workshops.models import MatrixEntry, MeetingSettings, PrioritisationMatrix

pytestmark = pytest.mark.django_db

MODULES = (
    actors,
    translating,
    networks,
    focusgroups,
    prioritization,
    workshops,
    initiatives,
    funding,
    newsletter_subscribers,
    newsletter_editions,
    newsletter_deliveries,
    reports,
    privacy,
)

READ = "reads, or checks a rule, and changes nothing"
IN_MEMORY = "puts translations into an unsaved object, whose saving service records the event"
RECORD_NONE = {
    "actors.services.unique_slug": READ,
    "actors.translations.translatable_models": READ,
    "actors.translations.field_translations": READ,
    "actors.translations.state_of": READ,
    "actors.translations.translation_refused": READ,
    "actors.translations.label_of": READ,
    "actors.translations.translation_overview": READ,
    "actors.translations.translatable": READ,
    "actors.translations.translate": IN_MEMORY,
    "actors.translations.translations_of": IN_MEMORY,
    "actors.translations.translations_refreshed": IN_MEMORY,
    "actors.services.unique_district_slug": READ,
    "actors.services.user_language_set": (
        "a person's own choice of language, as their notification settings: not the collaboration's"
    ),
    "focusgroups.services.idea_confirm_token": READ,
    "focusgroups.services.idea_limit_check": READ,
    "focusgroups.services.idea_to_confirm": READ,
    "focusgroups.services.idea_submit": (
        "an unconfirmed idea is not the collaboration's yet (anyone may have typed the address); "
        "its event comes when the sender confirms it"
    ),
    "prioritization.services.round_ensure_scorable": READ,
    "workshops.services.workshop_rule_errors": READ,
    "workshops.services.action_due_error": READ,
    "workshops.services.next_workshop_proposal": READ,
    "initiatives.services.lead_organisation_ids": READ,
    "funding.services.clean_amount": READ,
    "newsletter.services.editions.edition_recipients_by_language": READ,
    "newsletter.services.subscribers.subscriber_from_manage_token": READ,
    "newsletter.services.subscribers.subscriber_to_confirm": READ,
    **dict.fromkeys(
        (
            "newsletter.services.subscribers.subscriber_sign_up",
            "newsletter.services.subscribers.subscriber_confirm",
            "newsletter.services.subscribers.subscriber_update_preferences",
            "newsletter.services.subscribers.subscriber_unsubscribe",
            "newsletter.services.subscribers.confirmation_send",
            "newsletter.services.subscribers.confirmations_send_owed",
        ),
        "a resident's own subscription: personal data that unsubscribing erases stays out of the "
        "stream",
    ),
    **dict.fromkeys(
        (
            "newsletter.services.editions.edition_test_copy_queue",
            "newsletter.services.editions.edition_test_copy_send",
        ),
        "a test copy to the coordinator's own address changes nothing",
    ),
    **dict.fromkeys(
        (
            "newsletter.services.deliveries.edition_complete_if_done",
            "newsletter.services.deliveries.deliveries_send_batch",
            "newsletter.services.deliveries.deliveries_give_up",
            "newsletter.services.deliveries.bounce_record",
            "newsletter.services.deliveries.newsletter_sweep",
        ),
        "the delivery of a sent edition, kept per recipient in its deliveries",
    ),
    "reports.services.report_data": READ,
    "privacy.services.account_deletion_blocked": READ,
    "privacy.services.barrier_limit_check": READ,
    "workshops.services.next_meeting_date": READ,
    "reports.services.reports_queue_owed": "queues again what is waiting, and changes nothing",
}


# Each action: given the people of the permission matrix, make what it needs and return the
# action (a callable) and the kinds of the events it must record.
ACTIONS = {}


def action(name):
    def register(build):
        ACTIONS[name] = build
        return build

    return register


@action("actors.services.organisation_save")
def _(p):
    organisation = Organisation(name="Husby IK", kind="sports_club")
    return lambda: actors.organisation_save(organisation=organisation, actor=p.coordinator), [
        "actors.organisation_created"
    ]


@action("actors.services.organisation_save: a change")
def _(p):
    organisation = OrganisationFactory()
    organisation.name = "Nytt namn"
    return lambda: actors.organisation_save(organisation=organisation, actor=p.member), [
        "actors.organisation_changed"
    ]


@action("actors.services.membership_add")
def _(p):
    organisation, user = OrganisationFactory(), UserFactory()
    return lambda: actors.membership_add(
        organisation=organisation, user=user, role="contact", actor=p.coordinator
    ), ["actors.member_added"]


@action("actors.services.membership_remove")
def _(p):
    membership = MembershipFactory()
    return lambda: actors.membership_remove(membership=membership, actor=p.coordinator), [
        "actors.member_removed"
    ]


@action("actors.services.charter_save")
def _(p):
    site = SiteSettings(pk=1, name_sv="CIH", short_name="CIH", mission_sv="Uppdraget")
    return lambda: actors.charter_save(site=site, formsets=[], actor=p.coordinator), [
        "actors.charter_changed"
    ]


@action("actors.services.site_settings_save")
def _(p):
    site = SiteSettings(pk=1, name_sv="CIH", short_name="CIH", council_name="Husbyrådet")
    return lambda: actors.site_settings_save(site=site, actor=p.coordinator), [
        "actors.settings_changed"
    ]


@action("actors.services.districts_save")
def _(p):
    added = District(name_sv="Drottninghög")
    changed = District.objects.create(slug="husby", name_sv="Husby")
    changed.position = 2
    return lambda: actors.districts_save(districts=[added, changed], actor=p.coordinator), [
        "actors.district_added",
        "actors.district_changed",
    ]


@action("actors.translations.translation_save")
def _(p):
    need = NeedFactory(title_sv="Mötesplatser på kvällen")
    return lambda: translating.translation_save(
        instance=need, language="en", texts={"title": "Evening venues"}, actor=p.coordinator
    ), ["actors.translated"]


@action("networks.services.network_save")
def _(p):
    network = Network(name_sv="Trygghetsnätverket")
    return lambda: networks.network_save(network=network, actor=p.coordinator), [
        "networks.network_created"
    ]


@action("networks.services.participant_save")
def _(p):
    participant = Participant(network=NetworkFactory(), name="Socialförvaltningen", kind="other")
    return lambda: networks.participant_save(participant=participant, actor=p.coordinator), [
        "networks.participant_added"
    ]


@action("networks.services.participant_delete")
def _(p):
    participant = ParticipantFactory()
    return lambda: networks.participant_delete(participant=participant, actor=p.coordinator), [
        "networks.participant_removed"
    ]


@action("networks.services.contact_save")
def _(p):
    contact = ContactPerson(network=NetworkFactory(), name="Anna", email="anna@example.org")
    return lambda: networks.contact_save(contact=contact, actor=p.coordinator), [
        "networks.contact_added"
    ]


@action("networks.services.contact_delete")
def _(p):
    contact = ContactFactory()
    return lambda: networks.contact_delete(contact=contact, actor=p.coordinator), [
        "networks.contact_removed"
    ]


@action("actors.services.collaboration_set_up")
def _(p):
    site = SiteSettings(pk=1, name_sv="Samverkan Norr", short_name="SN", council_name="Rådet")
    return lambda: actors.collaboration_set_up(site=site, section="collaboration", actor=p.admin), [
        "actors.settings_changed"
    ]


@action("focusgroups.services.focus_group_save")
def _(p):
    group = FocusGroup(
        title_sv="Unga om fritid",
        held_on=datetime.date(2026, 3, 1),
        host=OrganisationFactory(),
        participant_count=9,
    )
    return lambda: focusgroups.focus_group_save(focus_group=group, actor=p.coordinator), [
        "focusgroups.focus_group_created"
    ]


@action("focusgroups.services.insight_save")
def _(p):
    insight = Insight(focus_group=InsightFactory().focus_group, text_sv="Mer ljus i parken.")
    return lambda: focusgroups.insight_save(insight=insight, actor=p.coordinator), [
        "focusgroups.insight_created"
    ]


@action("focusgroups.services.insight_delete")
def _(p):
    insight = InsightFactory()
    return lambda: focusgroups.insight_delete(insight=insight, actor=p.coordinator), [
        "focusgroups.insight_removed"
    ]


@action("focusgroups.services.consultation_save")
def _(p):
    consultation = CouncilConsultation(question_sv="Kvällsöppet?", asked_on=timezone.localdate())
    return lambda: focusgroups.consultation_save(consultation=consultation, actor=p.coordinator), [
        "focusgroups.consultation_asked"
    ]


@action("focusgroups.services.consultation_answer")
def _(p):
    consultation = ConsultationFactory()
    return lambda: focusgroups.consultation_answer(
        consultation=consultation,
        answer_sv="Ja, men inte på bekostnad av läxhjälpen.",
        answered_on=consultation.asked_on,
        actor=p.coordinator,
    ), ["focusgroups.consultation_answered"]


@action("focusgroups.services.idea_confirm")
def _(p):
    token = focusgroups.idea_confirm_token(IdeaFactory(status="unconfirmed"))
    return lambda: focusgroups.idea_confirm(token=token), ["focusgroups.idea_confirmed"]


@action("focusgroups.services.idea_keep_or_decline")
def _(p):
    idea = IdeaFactory(status="awaiting")
    return lambda: focusgroups.idea_keep_or_decline(
        idea=idea, decision="decline", reply="Tack!", actor=p.coordinator
    ), ["focusgroups.idea_moderated"]


@action("focusgroups.services.idea_accept")
def _(p):
    idea, need = (
        IdeaFactory(status="awaiting"),
        translated(NeedFactory(), title="Light in the park"),
    )
    return lambda: focusgroups.idea_accept(
        idea=idea, reply="Tack!", actor=p.coordinator, need=need, need_url="/behov/1/"
    ), ["focusgroups.idea_moderated"]


@action("prioritization.services.vocabulary_save")
def _(p):
    area = FocusArea(slug="leisure", name_sv="Fritid")
    return lambda: prioritization.vocabulary_save(item=area, actor=p.coordinator), [
        "prioritization.vocabulary_saved"
    ]


@action("prioritization.services.indicator_save")
def _(p):
    indicator = Indicator(
        slug="members", name_sv="Medlemmar", focus_area=FocusAreaFactory(), unit="%", source="SCB"
    )
    return lambda: prioritization.indicator_save(indicator=indicator, actor=p.coordinator), [
        "prioritization.indicator_saved"
    ]


@action("prioritization.services.data_points_import")
def _(p):
    raw = f"indicator,period,value\n{IndicatorFactory().slug},2024,41\n".encode()
    return lambda: prioritization.data_points_import(raw=raw, actor=p.coordinator), [
        "prioritization.data_imported"
    ]


@action("prioritization.services.need_save")
def _(p):
    need = Need(title_sv="Trygga vägar hem", focus_area=FocusAreaFactory())
    return lambda: prioritization.need_save(need=need, actor=p.coordinator), [
        "prioritization.need_created"
    ]


@action("prioritization.services.idea_moderate")
def _(p):
    idea, area = IdeaFactory(status="awaiting"), FocusAreaFactory()
    return lambda: prioritization.idea_moderate(
        idea=idea,
        outcome="need",
        reply="Tack!",
        actor=p.coordinator,
        focus_area=area,
        title_sv="Ljus i parken",
    ), ["focusgroups.idea_moderated"]


@action("prioritization.services.round_open")
def _(p):
    need = NeedFactory()
    return lambda: prioritization.round_open(title_sv="Våren", needs=[need], actor=p.coordinator), [
        "prioritization.round_opened"
    ]


@action("prioritization.services.round_score")
def _(p):
    need = NeedFactory()
    round_ = RoundFactory(needs=[need])
    organisation = p.member.memberships.get().organisation
    scores = [prioritization.ScoreInput(need.pk, 4, 3)]
    return lambda: prioritization.round_score(
        round_=round_, organisation=organisation, scores=scores, actor=p.member
    ), ["prioritization.round_scored"]


@action("prioritization.services.round_close")
def _(p):
    need = translated(NeedFactory(), title="Evening venues")
    round_ = RoundFactory(needs=[need])
    ScoreFactory(round=round_, need=need, urgency=5, capacity=5)
    return lambda: prioritization.round_close(
        round_=round_, actor=p.coordinator, without_missing=True
    ), ["prioritization.round_closed"]


@action("prioritization.services.outcome_save")
def _(p):
    outcome = Outcome(need=NeedFactory(), title_sv="Fler känner sig trygga")
    return lambda: prioritization.outcome_save(outcome=outcome, actor=p.coordinator), [
        "prioritization.outcome_saved"
    ]


@action("prioritization.services.intervention_save")
def _(p):
    intervention = Intervention(
        outcome=OutcomeFactory(), title_sv="Nattvandring", evidence_strength="local"
    )
    return lambda: prioritization.intervention_save(
        intervention=intervention, actor=p.coordinator
    ), ["prioritization.intervention_saved"]


@action("workshops.services.workshop_save")
def _(p):
    workshop = PlannedWorkshopFactory.build()
    return lambda: workshops.workshop_save(workshop=workshop, actor=p.coordinator), [
        "workshops.planned"
    ]


@action("workshops.services.workshop_log")
def _(p):
    workshop = PlannedWorkshopFactory(starts_at=timezone.now() - datetime.timedelta(hours=3))
    attendance = {OrganisationFactory().pk: 3}
    return lambda: workshops.workshop_log(
        workshop=workshop, attendance=attendance, items=[], actor=p.coordinator
    ), ["workshops.logged"]


@action("workshops.services.workshop_log: with the next workshop planned")
def _(p):
    workshop = WorkshopFactory()
    following = workshops.next_workshop_proposal(workshop)
    following.starts_at = timezone.now() + datetime.timedelta(days=7)
    return lambda: workshops.workshop_log(
        workshop=workshop, attendance={}, items=[], next_workshop=following, actor=p.coordinator
    ), ["workshops.logged", "workshops.planned"]


@action("workshops.services.workshop_cancel")
def _(p):
    workshop = PlannedWorkshopFactory()
    return lambda: workshops.workshop_cancel(workshop=workshop, actor=p.coordinator), [
        "workshops.cancelled"
    ]


@action("workshops.services.workshop_publish")
def _(p):
    workshop = translated(WorkshopFactory(), summary="We talked about safety.")
    return lambda: workshops.workshop_publish(workshop=workshop, actor=p.coordinator), [
        "workshops.minutes_published"
    ]


@action("workshops.services.photo_add")
def _(p):
    workshop = WorkshopFactory()
    image = SimpleUploadedFile("flipchart.jpg", image_bytes((40, 30)), "image/jpeg")
    return lambda: workshops.photo_add(
        workshop=workshop,
        image=image,
        caption_sv="Blädderblock",
        actor=p.coordinator,
    ), ["workshops.photo_added"]


@action("workshops.services.photo_remove")
def _(p):
    photo = PhotoFactory()
    return lambda: workshops.photo_remove(photo=photo, actor=p.coordinator), [
        "workshops.photo_removed"
    ]


@action("workshops.services.minutes_comment_add")
def _(p):
    workshop = WorkshopFactory()
    organisation = p.member.memberships.get().organisation
    return lambda: workshops.minutes_comment_add(
        workshop=workshop, author=p.member, organisation=organisation, kind="comment", text="Bra!"
    ), ["workshops.minutes_commented"]


@action("workshops.services.action_complete")
def _(p):
    item = ActionFactory()
    return lambda: workshops.action_complete(item=item, actor=p.member), ["workshops.action_done"]


@action("workshops.services.action_reopen")
def _(p):
    item = ActionFactory(done_at=timezone.now())
    return lambda: workshops.action_reopen(item=item, actor=p.member), ["workshops.action_reopened"]


@action("workshops.services.action_note")
def _(p):
    item = ActionFactory()
    return lambda: workshops.action_note(item=item, note="Halvvägs", actor=p.member), [
        "workshops.action_noted"
    ]


@action("workshops.services.actions_update")
def _(p):
    done, going = ActionFactory(), ActionFactory()
    changes = [(done, True, ""), (going, False, "Halvvägs")]
    return lambda: workshops.actions_update(changes=changes, actor=p.member), [
        "workshops.action_done",
        "workshops.action_noted",
    ]


@action("workshops.services.parked_item_schedule")
def _(p):
    item = ParkedItemFactory()
    later = timezone.localdate() + datetime.timedelta(days=90)
    return lambda: workshops.parked_item_schedule(
        item=item, look_again_on=later, actor=p.coordinator
    ), ["workshops.parked_idea_rescheduled"]


@action("workshops.services.parked_item_archive")
def _(p):
    item = ParkedItemFactory()
    return lambda: workshops.parked_item_archive(
        item=item, reason="Görs av staden", actor=p.coordinator
    ), ["workshops.parked_idea_archived"]


@action("workshops.services.theme_suggest")
def _(p):
    return lambda: workshops.theme_suggest(
        title="Äldre grannar", description="", user=p.member, organisation=None
    ), ["workshops.theme_suggested"]


@action("workshops.services.theme_take_up")
def _(p):
    suggestion, workshop = ThemeSuggestionFactory(), PlannedWorkshopFactory()
    return lambda: workshops.theme_take_up(
        suggestion=suggestion, workshop=workshop, actor=p.coordinator
    ), ["workshops.theme_taken_up"]


@action("workshops.services.meeting_settings_save")
def _(p):
    meeting = MeetingSettings(cadence="monthly", name_sv="Utvecklingsgrupp")
    return lambda: workshops.meeting_settings_save(meeting=meeting, actor=p.coordinator), [
        "workshops.settings_changed"
    ]


@action("workshops.services.matrix_save")
def _(p):
    matrix = PrioritisationMatrix(
        workshop=WorkshopFactory(), title_sv="Behov", x_axis_sv="Insats", y_axis_sv="Effekt"
    )
    entries = [MatrixEntry(text_sv="Fika", x=1, y=3)]
    return lambda: workshops.matrix_save(matrix=matrix, entries=entries, actor=p.coordinator), [
        "workshops.matrix_saved"
    ]


@action("workshops.services.matrix_remove")
def _(p):
    matrix = MatrixEntryFactory().matrix
    return lambda: workshops.matrix_remove(matrix=matrix, actor=p.coordinator), [
        "workshops.matrix_removed"
    ]


@action("initiatives.services.initiative_save")
def _(p):
    need = NeedFactory(status="prioritised")
    organisation = p.member.memberships.get().organisation
    form = InitiativeForm(
        proposal_data(organisation, need),
        user=p.member,
    )
    assert form.is_valid(), form.errors
    return lambda: initiatives.initiative_save(data=form.cleaned_data, actor=p.member), [
        "initiatives.created"
    ]


@action("initiatives.services.initiative_advance")
def _(p):
    initiative = translated(InitiativeFactory(), title="Evening football")
    initiative.needs.add(NeedFactory())
    return lambda: initiatives.initiative_advance(
        initiative=initiative, to_step=S.PROPOSAL, actor=p.coordinator
    ), ["initiatives.moved"]


@action("initiatives.services.process_steps_save")
def _(p):
    steps = {
        code: {"used": code not in (S.DECISION, S.FUNDING), "name_sv": name, "description_sv": ""}
        for code, name in [
            (S.NEEDS, "Behov"),
            (S.PROPOSAL, "Koncept"),
            (S.DECISION, "Beslut"),
            (S.FUNDING, "Finansiering"),
            (S.EXECUTION, "Prototyp"),
            (S.EVALUATION, "Test i praktiken"),
        ]
    }
    return lambda: initiatives.process_steps_save(steps=steps, actor=p.coordinator), [
        "initiatives.steps_changed"
    ]


@action("initiatives.services.decision_record")
def _(p):
    initiative = InitiativeFactory(step=S.DECISION, submitted_at=timezone.now())
    form = DecisionForm({"decided_on": "2026-03-04", "decided_by": "Aktörerna"})
    assert form.is_valid(), form.errors
    return lambda: initiatives.decision_record(
        initiative=initiative, data=form.cleaned_data, actor=p.coordinator
    ), ["initiatives.decided"]


@action("initiatives.services.follow_up_report")
def _(p):
    initiative = InitiativeFactory(step=S.EXECUTION, submitted_at=timezone.now())
    form = FollowUpForm(
        {
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
            "activities": 4,
            "how_well": "Bra",
            "better_off": "Ja",
            "money_spent": "1000",
            "status": "on_track",
        },
        initiative=initiative,
    )
    assert form.is_valid(), form.errors
    return lambda: initiatives.follow_up_report(
        initiative=initiative, data=form.record_data, reach={}, measures={}, actor=p.member
    ), ["initiatives.follow_up_reported"]


@action("initiatives.services.evaluation_record")
def _(p):
    initiative = InitiativeFactory(step=S.EVALUATION, submitted_at=timezone.now())
    form = EvaluationForm(
        {
            "method": "Intervjuer",
            "findings_sv": "Det fungerade.",
            "lessons_sv": "Kända ledare.",
            "recommendation": "continue",
        },
        initiative=initiative,
    )
    assert form.is_valid(), form.errors
    return lambda: initiatives.evaluation_record(
        initiative=initiative, data=form.record_data, achievements={}, actor=p.evaluator
    ), ["initiatives.evaluated"]


@action("funding.services.funder_create")
def _(p):
    organisation = OrganisationFactory()
    return lambda: funding.funder_create(organisation=organisation, actor=p.treasurer), [
        "funding.funder_added"
    ]


@action("funding.services.grant_register")
def _(p):
    grant = Grant(
        funder=FunderFactory(),
        title_sv="Bidrag",
        amount=Decimal("1000"),
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    return lambda: funding.grant_register(grant=grant, actor=p.treasurer), [
        "funding.grant_registered"
    ]


@action("funding.services.grant_update")
def _(p):
    grant = make_grant(p.treasurer)
    form = GrantEditForm(
        {"title_sv": "Nytt namn", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        instance=grant,
    )
    assert form.is_valid(), form.errors
    return lambda: funding.grant_update(grant=grant, data=form.cleaned_data, actor=p.treasurer), [
        "funding.grant_changed"
    ]


@action("funding.services.duty_add")
def _(p):
    grant = make_grant(p.treasurer)
    return lambda: funding.duty_add(
        grant=grant, description="Slutrapport", due_on=datetime.date(2027, 1, 31), actor=p.treasurer
    ), ["funding.duty_added"]


@action("funding.services.duty_mark_done")
def _(p):
    grant = make_grant(p.treasurer)
    duty = grant.duties.create(description="Delrapport", due_on=datetime.date(2026, 6, 30))
    return lambda: funding.duty_mark_done(duty=duty, actor=p.treasurer), ["funding.duty_done"]


def _funded(p, kind, amount, *, allocate="0", disburse="0"):
    """A booking of `kind` on a grant of 1,000 SEK, all received, and a funded initiative."""
    grant = make_grant(p.treasurer, "1000.00", received="1000.00")
    initiative = translated(
        InitiativeFactory(step=S.FUNDING, submitted_at=timezone.now(), budget=Decimal(1000)),
        title="Football",
    )
    if allocate != "0":
        book(p.treasurer, EntryKind.ALLOCATION, grant, allocate, initiative)
    if disburse != "0":
        book(p.treasurer, EntryKind.DISBURSEMENT, grant, disburse, initiative)
    return lambda: book(p.treasurer, kind, grant, amount, initiative)


@action("funding.services.entry_book")
def _(p):
    return _funded(p, EntryKind.ALLOCATION, "600.00"), ["funding.allocated"]


@action("funding.services.entry_book: a receipt")
def _(p):
    grant = make_grant(p.treasurer, "1000.00")
    return lambda: book(p.treasurer, EntryKind.RECEIPT, grant, "400.00"), ["funding.received"]


@action("funding.services.entry_book: a disbursement")
def _(p):
    return _funded(p, EntryKind.DISBURSEMENT, "300.00", allocate="600.00"), ["funding.disbursed"]


@action("funding.services.entry_book: a return")
def _(p):
    return _funded(p, EntryKind.RETURN, "300.00", allocate="600.00", disburse="600.00"), [
        "funding.returned"
    ]


@action("funding.services.entry_reverse")
def _(p):
    grant = make_grant(p.treasurer, "1000.00")
    entry = book(p.treasurer, EntryKind.RECEIPT, grant, "400.00")
    return lambda: funding.entry_reverse(entry=entry, note="Fel belopp", actor=p.treasurer), [
        "funding.reversed"
    ]


def _asking(p):
    """An initiative of the member's organisation waiting for 1,000 SEK, and a grant of 1,000 SEK,
    all received, it may be paid from."""
    grant = make_grant(p.treasurer, "1000.00", received="1000.00")
    initiative = InitiativeFactory(
        step=S.FUNDING,
        budget=Decimal(1000),
        lead_organisation=p.member.memberships.get().organisation,
    )
    return initiative, grant


def _ask(p, initiative):
    return funding.allocation_request_make(
        initiative=initiative, amount="600.00", justification="Hallhyra", actor=p.member
    )


def _asked(p):
    initiative, grant = _asking(p)
    return _ask(p, initiative), grant


@action("funding.services.allocation_request_make")
def _(p):
    initiative, _grant = _asking(p)
    return lambda: _ask(p, initiative), ["funding.allocation_requested"]


@action("funding.services.allocation_request_grant")
def _(p):
    request, grant = _asked(p)
    # The answer and the allocation it books, each its own event.
    return lambda: funding.allocation_request_grant(
        request=request, grant=grant, amount="500.00", actor=p.treasurer
    ), ["funding.request_granted", "funding.allocated"]


@action("funding.services.allocation_request_decline")
def _(p):
    request, _grant = _asked(p)
    return lambda: funding.allocation_request_decline(
        request=request, reason="Inte i år", actor=p.treasurer
    ), ["funding.request_declined"]


@action("newsletter.services.editions.edition_save")
def _(p):
    return lambda: newsletter_editions.edition_save(
        actor=p.coordinator,
        subject_sv="Nytt i Husby",
        body_sv="Hej!",
        audience="all",
        interests=[],
    ), ["newsletter.edition_created"]


@action("newsletter.services.editions.edition_create_draft")
def _(p):
    return lambda: newsletter_editions.edition_create_draft(actor=p.coordinator), [
        "newsletter.edition_created"
    ]


@action("newsletter.services.editions.edition_send")
def _(p):
    edition = EditionFactory()
    return lambda: newsletter_editions.edition_send(edition=edition, actor=p.coordinator), [
        "newsletter.edition_sent"
    ]


@action("reports.services.report_request")
def _(p):
    return lambda: reports.report_request(
        kind=ReportKind.PERIOD,
        language="sv",
        actor=p.evaluator,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        queue=False,
    ), ["reports.requested"]


@action("reports.services.report_render")
def _(p):
    report = ReportRequest.objects.create(
        kind=ReportKind.PERIOD,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
        requested_by=p.evaluator,
    )
    return lambda: reports.report_render(report_id=report.pk), ["reports.ready"]


@action("reports.services.report_expire_if_stale")
def _(p):
    report = stored_report(InitiativeFactory(), status=ReportStatus.RENDERING)
    ReportRequest.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    report.refresh_from_db()
    return lambda: reports.report_expire_if_stale(report=report), ["reports.failed"]


@action("reports.services.report_retry")
def _(p):
    report = stored_report(InitiativeFactory(), status=ReportStatus.FAILED)
    return lambda: reports.report_retry(report=report, actor=p.evaluator), ["reports.retried"]


@action("reports.services.report_publish")
def _(p):
    initiative = translated(
        InitiativeFactory(step=S.COMPLETED, submitted_at=timezone.now()), title="Run"
    )
    report = stored_report(initiative)
    return lambda: reports.report_publish(report=report, actor=p.coordinator), ["reports.published"]


@action("privacy.services.account_delete")
def _(p):
    return lambda: privacy.account_delete(user=p.member, password=PASSWORD), [
        "privacy.account_deleted"
    ]


@action("privacy.services.account_remove")
def _(p):
    return lambda: privacy.account_remove(user=p.member, actor=p.coordinator), [
        "privacy.account_deleted"
    ]


@action("privacy.services.retention_apply")
def _(p):
    IdeaFactory(status="declined")
    return lambda: privacy.retention_apply(), ["privacy.retention_applied"]


@action("privacy.services.barrier_report")
def _(p):
    return lambda: privacy.barrier_report(page="/", description="Knappen syns inte.", email=""), [
        "privacy.barrier_reported"
    ]


def service_names() -> set[str]:
    return {
        f"{module.__name__}.{name}"
        for module in MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


def test_every_service_is_walked():
    walked = {name.split(":")[0] for name in ACTIONS}
    assert service_names() == walked | set(RECORD_NONE)
    assert not walked & set(RECORD_NONE)


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_each_action_records_its_events_and_a_public_one_is_told_in_both_languages(
    name, people, settings
):
    act, kinds = ACTIONS[name](people)
    before = Event.objects.count()
    act()
    recorded = list(Event.objects.order_by("pk")[before:])
    assert sorted(event.kind for event in recorded) == sorted(kinds)
    for event in recorded:
        assert event.collaboration_id == SiteSettings.current().pk
        if event.public:
            with translation.override("sv"):
                swedish = tell(event)
            with translation.override("en"):
                english = tell(event)
            assert swedish.title and swedish.url and swedish.text
            assert swedish.text != english.text  # the reader's language, not the writer's


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_an_action_rolled_back_records_no_event(name, people):
    act, _kinds = ACTIONS[name](people)
    before = Event.objects.count()

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        act()
        raise RolledBack
    assert Event.objects.count() == before


def test_a_refused_action_records_no_event(people):
    initiative = InitiativeFactory()  # no need linked: the rule refuses the proposal
    with pytest.raises(initiatives.TransitionError):
        initiatives.initiative_advance(
            initiative=initiative, to_step=S.PROPOSAL, actor=people.coordinator
        )
    with pytest.raises(funding.FundingError):
        book(people.treasurer, EntryKind.RECEIPT, make_grant(people.treasurer), "5000.00")
    assert list(Event.objects.values_list("kind", flat=True)) == ["funding.grant_registered"]


def test_an_action_that_changes_nothing_records_nothing(people):
    item = ActionFactory(done_at=timezone.now())
    workshops.action_complete(item=item, actor=people.member)
    token = focusgroups.idea_confirm_token(IdeaFactory(status="awaiting"))
    focusgroups.idea_confirm(token=token)
    assert not Event.objects.exists()


def test_the_event_says_who_did_what_to_which_object(people, organisation):
    initiative = translated(
        InitiativeFactory(title_sv="Kvällsfotboll", lead_organisation=organisation),
        title="Evening football",
    )
    need = NeedFactory()
    initiative.needs.add(need)
    change = initiatives.initiative_advance(
        initiative=initiative, to_step=S.PROPOSAL, actor=people.member, note="Klar"
    )
    event = Event.objects.get()
    assert (event.actor, event.subject, event.at, event.public) == (
        people.member,
        initiative,
        change.at,
        True,
    )
    assert event.data == {
        "title_sv": "Kvällsfotboll",
        "title_en": "Evening football",
        "from": "needs",
        "to": "proposal",
        "needs": [need.pk],
        "note": "Klar",
        "overridden": False,
    }


def test_only_ideas_taken_up_as_a_need_are_public_and_their_words_stay_private(people):
    kept, taken = IdeaFactory(status="awaiting"), IdeaFactory(status="awaiting", title="Min idé")
    focusgroups.idea_keep_or_decline(idea=kept, decision="keep", reply="", actor=people.coordinator)
    need = prioritization.idea_moderate(
        idea=taken,
        outcome="need",
        reply="",
        actor=people.coordinator,
        focus_area=FocusAreaFactory(),
        title_sv="Ljus i parken",
    )
    private, public = Event.objects.order_by("pk")
    assert (private.public, private.data) == (False, {"outcome": "kept"})
    assert public.public and public.data["need"] == need.pk
    assert "Min idé" not in str(public.data)
    assert tell(public).url == need.get_absolute_url()


def test_money_is_public_only_when_allocated_to_an_initiative_the_public_may_read(people):
    grant = make_grant(people.treasurer, "1000.00", received="1000.00")
    initiative = InitiativeFactory(step=S.FUNDING, submitted_at=timezone.now(), budget=1000)
    book(people.treasurer, EntryKind.ALLOCATION, grant, "400.00", initiative)
    book(people.treasurer, EntryKind.DISBURSEMENT, grant, "400.00", initiative)
    allocated, disbursed = Event.objects.filter(
        kind__in=["funding.allocated", "funding.disbursed"]
    ).order_by("pk")
    assert (allocated.public, disbursed.public) == (True, False)
    assert (allocated.subject, allocated.data["amount"]) == (initiative, "400.00")
    assert tell(allocated).text == "400,00 kr har fördelats ur den gemensamma fonden."
