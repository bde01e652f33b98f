"""The workshop services: each rule holds, and a broken rule saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actors.models import Event
from actors.translations import translate
from workshops import services
from workshops.choices import (
    CommentKind,
    ItemKind,
    MinutesState,
    SuggestionStatus,
    WorkshopFormat,
    WorkshopStatus,
)
from workshops.models import Attendance, MinutesComment, Workshop, WorkshopItem

from .factories import (
    ActionFactory,
    AttendanceFactory,
    ParkedItemFactory,
    PlannedWorkshopFactory,
    ThemeSuggestionFactory,
    WorkshopFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db


def _log(workshop, *, attendance=None, items=(), removed=(), next_workshop=None, actor=None):
    return services.workshop_log(
        workshop=workshop,
        attendance=attendance or {},
        items=list(items),
        removed=list(removed),
        next_workshop=next_workshop,
        actor=actor,
    )


class TestWorkshopSave:
    def test_a_change_typed_while_the_workshop_was_cancelled_keeps_it_cancelled(self, coordinator):
        typed = PlannedWorkshopFactory()
        Workshop.objects.filter(pk=typed.pk).update(status=WorkshopStatus.CANCELLED)
        typed.place = "Biblioteket"
        services.workshop_save(workshop=typed, actor=coordinator)
        saved = Workshop.objects.get(pk=typed.pk)
        assert (saved.status, saved.place) == (WorkshopStatus.CANCELLED, "Biblioteket")

    def test_it_plans_a_workshop(self, coordinator):
        workshop = services.workshop_save(
            workshop=Workshop(starts_at=days_from_now(3), theme_sv="Trygghet"), actor=coordinator
        )
        assert workshop.pk and workshop.status == WorkshopStatus.PLANNED
        assert workshop.created_by == coordinator

    def test_it_refuses_a_planned_workshop_in_the_past(self, coordinator):
        with pytest.raises(ValidationError) as error:
            services.workshop_save(
                workshop=Workshop(starts_at=days_from_now(-1), theme_sv="Trygghet"),
                actor=coordinator,
            )
        assert "starts_at" in error.value.message_dict
        assert not Workshop.objects.exists()

    def test_it_refuses_an_end_before_the_start(self, coordinator):
        starts = days_from_now(3)
        with pytest.raises(ValidationError):
            services.workshop_save(
                workshop=Workshop(
                    starts_at=starts, ends_at=starts - datetime.timedelta(hours=1), theme_sv="T"
                ),
                actor=coordinator,
            )

    def test_it_cancels_a_planned_workshop(self, coordinator):
        workshop = PlannedWorkshopFactory()
        services.workshop_cancel(workshop=workshop, actor=coordinator)
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.CANCELLED

    def test_it_does_not_cancel_a_held_workshop(self, coordinator):
        workshop = WorkshopFactory()
        with pytest.raises(ValidationError):
            services.workshop_cancel(workshop=workshop, actor=coordinator)


class TestWorkshopLog:
    def test_its_event_names_who_came_and_the_actions_given_to_whom(
        self, coordinator, organisation, other_organisation
    ):
        workshop = WorkshopFactory(minutes_state=MinutesState.NONE)
        due = timezone.localdate() + datetime.timedelta(days=14)
        action = WorkshopItem(
            kind=ItemKind.ACTION, text_sv="Boka hallen", owner=organisation, due=due
        )
        translate(action, "so", text="Qabso hoolka")
        decision = WorkshopItem(kind=ItemKind.DECISION, text_sv="Vi satsar på fotboll")
        _log(
            workshop,
            attendance={organisation.pk: 2, other_organisation.pk: 0},
            items=[decision, action],
            actor=coordinator,
        )
        event = Event.objects.get()
        assert (event.kind, event.subject, event.actor, event.public) == (
            "workshops.logged",
            workshop,
            coordinator,
            False,
        )
        assert event.data["attended"] == [organisation.pk]
        assert event.data["actions"] == [
            {
                "item": action.pk,
                "owner": organisation.pk,
                "due": due.isoformat(),
                "text_sv": "Boka hallen",
                "text_so": "Qabso hoolka",
            }
        ]
        assert event.data["minutes"] == MinutesState.DRAFT

    def test_it_records_attendance_items_and_the_next_workshop(
        self, coordinator, organisation, other_organisation
    ):
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-1))
        workshop.summary_sv = "Sammanfattning"
        next_workshop = services.next_workshop_proposal(workshop)
        next_workshop.theme_sv = "Nästa tema"
        items = [
            WorkshopItem(kind=ItemKind.DECISION, text_sv="Vi gör så"),
            WorkshopItem(
                kind=ItemKind.ACTION,
                text_sv="Boka lokal",
                owner=organisation,
                due=timezone.localdate() + datetime.timedelta(days=5),
            ),
            WorkshopItem(
                kind=ItemKind.PARKED, text_sv="Filmkväll", look_again_on=timezone.localdate()
            ),
        ]
        _log(
            workshop,
            attendance={organisation.pk: 3, other_organisation.pk: 0},
            items=items,
            next_workshop=next_workshop,
            actor=coordinator,
        )
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.HELD
        assert workshop.minutes_state == MinutesState.DRAFT
        assert list(workshop.attendances.values_list("organisation_id", "people")) == [
            (organisation.pk, 3)
        ]
        assert sorted(workshop.items.values_list("kind", flat=True)) == [
            "action",
            "decision",
            "idea",
        ]
        planned = Workshop.objects.get(theme_sv="Nästa tema")
        assert planned.status == WorkshopStatus.PLANNED
        assert planned.starts_at == workshop.starts_at + datetime.timedelta(weeks=2)

    def test_logging_again_updates_attendance_instead_of_doubling_it(
        self, coordinator, organisation
    ):
        workshop = WorkshopFactory()
        _log(workshop, attendance={organisation.pk: 2}, actor=coordinator)
        _log(workshop, attendance={organisation.pk: 5}, actor=coordinator)
        assert list(Attendance.objects.values_list("people", flat=True)) == [5]

    def test_it_refuses_an_action_due_before_the_workshop(self, coordinator, organisation):
        workshop = WorkshopFactory()
        action = WorkshopItem(
            kind=ItemKind.ACTION, text_sv="För sent", due=workshop.date - datetime.timedelta(days=1)
        )
        with pytest.raises(ValidationError):
            _log(workshop, attendance={organisation.pk: 2}, items=[action], actor=coordinator)
        assert not WorkshopItem.objects.exists()
        assert not Attendance.objects.exists()

    def test_it_refuses_attendance_below_zero(self, coordinator, organisation):
        workshop = WorkshopFactory()
        with pytest.raises(ValidationError):
            _log(workshop, attendance={organisation.pk: -1}, actor=coordinator)
        assert not Attendance.objects.exists()

    def test_it_refuses_a_held_workshop_in_the_future(self, coordinator):
        workshop = PlannedWorkshopFactory()
        with pytest.raises(ValidationError):
            _log(workshop, actor=coordinator)
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.PLANNED

    def test_it_refuses_swot_points_without_the_swot_format(self, coordinator):
        workshop = WorkshopFactory()
        with pytest.raises(ValidationError):
            _log(
                workshop,
                items=[WorkshopItem(kind=ItemKind.STRENGTH, text_sv="Bra")],
                actor=coordinator,
            )

    def test_it_keeps_swot_points_and_their_next_steps(self, coordinator, organisation):
        workshop = WorkshopFactory(format=WorkshopFormat.SWOT)
        _log(
            workshop,
            items=[
                WorkshopItem(kind=ItemKind.WEAKNESS, text_sv="Ojämnt deltagande"),
                WorkshopItem(
                    kind=ItemKind.ACTION,
                    text_sv="Påminn alla",
                    swot_heading="weakness",
                    owner=organisation,
                ),
            ],
            actor=coordinator,
        )
        action = WorkshopItem.objects.get(kind=ItemKind.ACTION)
        assert action.swot_heading == "weakness"

    def test_a_broken_next_workshop_rolls_back_the_whole_record(self, coordinator, organisation):
        workshop = WorkshopFactory(minutes_state=MinutesState.NONE)
        earlier = Workshop(starts_at=workshop.starts_at - datetime.timedelta(days=1), theme_sv="X")
        with pytest.raises(ValidationError):
            _log(
                workshop, attendance={organisation.pk: 2}, next_workshop=earlier, actor=coordinator
            )
        workshop.refresh_from_db()
        assert workshop.minutes_state == MinutesState.NONE
        assert not Attendance.objects.exists()

    def test_a_record_typed_while_the_minutes_were_published_keeps_them_published(
        self, coordinator
    ):
        typed = WorkshopFactory(minutes_state=MinutesState.DRAFT)
        Workshop.objects.filter(pk=typed.pk).update(minutes_state=MinutesState.PUBLISHED)
        typed.notes = "Rättat"
        logged = _log(typed, actor=coordinator)
        logged.refresh_from_db()
        assert (logged.minutes_state, logged.notes) == (MinutesState.PUBLISHED, "Rättat")

    def test_a_parked_item_without_a_date_comes_up_again_three_months_on(self, coordinator):
        workshop = WorkshopFactory()
        _log(workshop, items=[WorkshopItem(kind=ItemKind.PARKED, text_sv="Sen")], actor=coordinator)
        parked = WorkshopItem.objects.get()
        assert parked.look_again_on == workshop.date + datetime.timedelta(days=90)

    def test_items_of_published_minutes_are_not_removed(self, coordinator):
        workshop = WorkshopFactory(minutes_state=MinutesState.PUBLISHED)
        item = ActionFactory(workshop=workshop)
        with pytest.raises(ValidationError):
            _log(workshop, removed=[item], actor=coordinator)
        assert WorkshopItem.objects.filter(pk=item.pk).exists()

    def test_the_proposal_is_the_workshop_already_planned(self):
        workshop = WorkshopFactory()
        planned = PlannedWorkshopFactory()
        assert services.next_workshop_proposal(workshop) == planned


class TestMinutes:
    def test_it_publishes_a_draft(self, coordinator):
        workshop = WorkshopFactory()
        services.workshop_publish(workshop=workshop, actor=coordinator)
        workshop.refresh_from_db()
        assert workshop.is_published and workshop.published_by == coordinator

    def test_it_needs_a_public_summary_to_publish(self, coordinator):
        workshop = WorkshopFactory(summary_sv="")
        with pytest.raises(ValidationError):
            services.workshop_publish(workshop=workshop, actor=coordinator)
        workshop.refresh_from_db()
        assert workshop.is_draft

    def test_it_publishes_only_drafts(self, coordinator):
        workshop = PlannedWorkshopFactory()
        with pytest.raises(ValidationError):
            services.workshop_publish(workshop=workshop, actor=coordinator)

    def test_members_comment_on_drafts(self, member, organisation):
        workshop = WorkshopFactory()
        comment = services.minutes_comment_add(
            workshop=workshop,
            author=member,
            organisation=organisation,
            kind=CommentKind.CORRECTION,
            text=" Vi var tre, inte två. ",
        )
        assert comment.text == "Vi var tre, inte två."

    def test_published_minutes_take_no_comments(self, member):
        workshop = WorkshopFactory(minutes_state=MinutesState.PUBLISHED)
        with pytest.raises(ValidationError):
            services.minutes_comment_add(
                workshop=workshop, author=member, organisation=None, kind="comment", text="Hej"
            )
        assert not MinutesComment.objects.exists()


class TestActions:
    def test_it_marks_an_action_done_and_open_again(self, member):
        action = ActionFactory()
        services.action_complete(item=action, actor=member, note="Klart!")
        action.refresh_from_db()
        assert action.is_done and action.done_by == member and action.progress_note == "Klart!"
        services.action_reopen(item=action, actor=member)
        action.refresh_from_db()
        assert not action.is_done

    def test_it_saves_a_progress_note(self, member):
        action = ActionFactory()
        services.action_note(item=action, actor=member, note="På gång")
        action.refresh_from_db()
        assert action.progress_note == "På gång" and not action.is_done

    def test_an_idea_is_not_an_action(self, member):
        with pytest.raises(ValidationError):
            services.action_complete(item=ParkedItemFactory(), actor=member)

    def test_overdue(self):
        action = ActionFactory.build(due=timezone.localdate() - datetime.timedelta(days=1))
        assert action.overdue
        action.done_at = timezone.now()
        assert not action.overdue


class TestParkingLot:
    def test_it_sets_the_date_to_look_again(self, coordinator):
        idea = ParkedItemFactory()
        services.parked_item_schedule(
            item=idea, look_again_on=datetime.date(2030, 1, 1), actor=coordinator
        )
        idea.refresh_from_db()
        assert idea.look_again_on == datetime.date(2030, 1, 1)

    def test_it_archives_with_a_reason_and_keeps_the_idea(self, coordinator):
        idea = ParkedItemFactory()
        services.parked_item_archive(item=idea, reason="Görs redan av skolan", actor=coordinator)
        idea.refresh_from_db()
        assert idea.archived_at and idea.archive_reason == "Görs redan av skolan"
        assert not WorkshopItem.objects.in_parking_lot().exists()
        assert WorkshopItem.objects.parked_items().count() == 1

    def test_it_needs_a_reason_to_archive(self, coordinator):
        idea = ParkedItemFactory()
        with pytest.raises(ValidationError):
            services.parked_item_archive(item=idea, reason="  ", actor=coordinator)
        idea.refresh_from_db()
        assert idea.archived_at is None

    def test_an_archived_idea_gets_no_new_date(self, coordinator):
        idea = ParkedItemFactory()
        services.parked_item_archive(item=idea, reason="Nej", actor=coordinator)
        with pytest.raises(ValidationError):
            services.parked_item_schedule(
                item=idea, look_again_on=datetime.date(2030, 1, 1), actor=coordinator
            )


class TestThemes:
    def test_members_suggest_themes(self, member, organisation):
        suggestion = services.theme_suggest(
            title=" Ensamhet ", description="", user=member, organisation=organisation
        )
        assert suggestion.title == "Ensamhet" and suggestion.status == SuggestionStatus.OPEN

    def test_a_theme_is_taken_up_by_a_workshop(self, coordinator):
        suggestion = ThemeSuggestionFactory()
        workshop = PlannedWorkshopFactory()
        services.theme_take_up(suggestion=suggestion, workshop=workshop, actor=coordinator)
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.TAKEN_UP and suggestion.workshop == workshop


def test_attendance_is_one_row_per_organisation(organisation):
    from django.db import IntegrityError, transaction

    workshop = WorkshopFactory()
    AttendanceFactory(workshop=workshop, organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(workshop=workshop, organisation=organisation)
