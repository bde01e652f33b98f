"""The workshop pages: the one-page log, the minutes, follow-up of actions and ideas, themes."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from workshops.choices import ItemKind, MinutesState, SuggestionStatus, WorkshopStatus
from workshops.models import Attendance, MinutesComment, ThemeSuggestion, Workshop, WorkshopItem

from .factories import (
    ActionFactory,
    AttendanceFactory,
    ItemFactory,
    ParkedItemFactory,
    PlannedWorkshopFactory,
    ThemeSuggestionFactory,
    WorkshopFactory,
    days_from_now,
)

pytestmark = pytest.mark.django_db

FORMAT = "%Y-%m-%dT%H:%M"


def said(response, message: str, **params) -> bool:
    """Whether the page shows the message, in Swedish (the language of unprefixed URLs)."""
    with translation.override("sv"):
        text = translation.gettext(message)
    return escape(text % params if params else text) in response.text


def _management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def log_data(
    workshop,
    organisations,
    *,
    people=None,
    decisions=(),
    actions=(),
    ideas=(),
    swot=(),
    swot_next=(),
    plan_next=True,
    next_starts=None,
    **record,
):
    """The POST of the log page as a browser sends it, blank rows included."""
    starts = timezone.localtime(workshop.starts_at)
    data = {
        "record-starts_at": starts.strftime(FORMAT),
        "record-ends_at": "",
        "record-place": "Folkets Husby",
        "record-theme_sv": workshop.theme_sv,
        "record-host": "",
        "record-format": "standard",
        "record-residents": "4",
        "record-summary_sv": "Vi beslutade om kvällsfotboll.",
        "record-notes": "Internt.",
    }
    data.update({f"record-{key}": value for key, value in record.items()})
    people = people or {}
    data.update(_management("attendance", len(organisations), len(organisations)))
    for index, organisation in enumerate(organisations):
        data[f"attendance-{index}-organisation"] = str(organisation.pk)
        data[f"attendance-{index}-people"] = str(people.get(organisation.pk, ""))
    for prefix, rows, fields in (
        ("decisions", decisions, ["text_sv"]),
        ("actions", actions, ["text_sv", "owner", "responsible", "due", "swot_heading"]),
        ("ideas", ideas, ["text_sv", "look_again_on"]),
        ("swot", swot, ["kind", "text_sv"]),
        ("swot_next", swot_next, ["swot_heading", "text_sv"]),
    ):
        total = len(rows) + 2  # two blank rows, as the page has
        data.update(_management(prefix, total))
        for index in range(total):
            row = rows[index] if index < len(rows) else {}
            data[f"{prefix}-{index}-id"] = ""
            for name in fields:
                data[f"{prefix}-{index}-{name}"] = str(row.get(name, ""))
    next_starts = next_starts or starts + datetime.timedelta(weeks=2)
    data.update(
        {
            "next-starts_at": next_starts.strftime(FORMAT),
            "next-ends_at": "",
            "next-place": "Folkets Husby",
            "next-theme_sv": "Föräldrar som resurs",
            "next-host": "",
        }
    )
    if plan_next:
        data["next-plan"] = "on"
    return data


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def held_last_week(organisation, other_organisation):
    """A planned workshop that took place a few days ago and waits to be logged."""
    return PlannedWorkshopFactory(starts_at=days_from_now(-3))


class TestLog:
    def test_it_shows_every_active_organisation(self, coordinator_client, held_last_week):
        response = coordinator_client.get(reverse("workshops:log", args=[held_last_week.pk]))
        assert response.status_code == 200
        for index, name in enumerate(["Folkets Husby", "Husby FF"]):
            assert f'<label for="id_attendance-{index}-people">{name}</label>' in response.text
        assert "workshops/formset-rows.js" in response.text

    def test_it_logs_a_workshop_in_one_go(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
        data = log_data(
            held_last_week,
            [organisation, other_organisation],
            people={organisation.pk: 3, other_organisation.pk: 0},
            decisions=[{"text_sv": "Kvällsfotboll på fredagar"}, {"text_sv": "Fråga Husbyrådet"}],
            actions=[
                {
                    "text_sv": "Boka hallen",
                    "owner": organisation.pk,
                    "responsible": "Ali",
                    "due": due,
                }
            ],
            ideas=[{"text_sv": "Filmkväll i parken"}],
        )
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 302
        assert response["Location"] == held_last_week.get_absolute_url()
        held_last_week.refresh_from_db()
        assert held_last_week.status == WorkshopStatus.HELD
        assert held_last_week.minutes_state == MinutesState.DRAFT
        assert held_last_week.residents == 4
        assert list(Attendance.objects.values_list("organisation_id", "people")) == [
            (organisation.pk, 3)
        ]
        assert WorkshopItem.objects.filter(kind=ItemKind.DECISION).count() == 2
        action = WorkshopItem.objects.get(kind=ItemKind.ACTION)
        assert action.owner == organisation and action.due.isoformat() == due
        idea = WorkshopItem.objects.get(kind=ItemKind.PARKED)
        assert idea.look_again_on == held_last_week.date + datetime.timedelta(days=90)
        following = Workshop.objects.get(status=WorkshopStatus.PLANNED)
        assert following.theme_sv == "Föräldrar som resurs"
        assert following.starts_at == held_last_week.starts_at + datetime.timedelta(weeks=2)

    def test_save_and_add_more_rows_comes_back_to_the_log(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        data = log_data(held_last_week, [organisation, other_organisation], plan_next=False)
        data["continue"] = "1"
        url = reverse("workshops:log", args=[held_last_week.pk])
        response = coordinator_client.post(url, data)
        assert response["Location"] == url
        assert not Workshop.objects.filter(status=WorkshopStatus.PLANNED).exists()

    def test_an_action_due_before_the_workshop_keeps_everything_typed(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        too_early = (held_last_week.date - datetime.timedelta(days=2)).isoformat()
        data = log_data(
            held_last_week,
            [organisation, other_organisation],
            people={organisation.pk: 7},
            decisions=[{"text_sv": "Ett beslut som inte får tappas bort"}],
            actions=[{"text_sv": "Skriva ansökan", "due": too_early}],
        )
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 200
        assert said(
            response,
            "An action cannot be due before the workshop it came from (%(date)s).",
            date=held_last_week.date.isoformat(),
        )
        assert "Ett beslut som inte får tappas bort" in response.text
        assert "Skriva ansökan" in response.text
        assert 'value="7"' in response.text
        held_last_week.refresh_from_db()
        assert held_last_week.status == WorkshopStatus.PLANNED
        assert not WorkshopItem.objects.exists() and not Attendance.objects.exists()
        assert Workshop.objects.count() == 1

    def test_attendance_below_zero_is_refused(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        data = log_data(
            held_last_week, [organisation, other_organisation], people={organisation.pk: -2}
        )
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 200
        assert said(response, "Attendance cannot be below zero.")
        assert not Attendance.objects.exists()

    def test_a_second_record_of_one_organisation_is_refused(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        data = log_data(held_last_week, [organisation, organisation], people={organisation.pk: 2})
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 200
        assert said(
            response,
            "The attendance of %(name)s is recorded twice. Record it once.",
            name=organisation.name,
        )
        assert not Attendance.objects.exists()

    def test_a_workshop_in_the_future_cannot_be_logged_as_held(
        self, coordinator_client, organisation, other_organisation
    ):
        planned = PlannedWorkshopFactory()
        data = log_data(planned, [organisation, other_organisation])
        response = coordinator_client.post(reverse("workshops:log", args=[planned.pk]), data)
        assert response.status_code == 200
        assert said(response, "A workshop that has not started yet cannot be held.")
        planned.refresh_from_db()
        assert planned.status == WorkshopStatus.PLANNED

    def test_swot_points_need_the_swot_format(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        data = log_data(
            held_last_week,
            [organisation, other_organisation],
            swot=[{"kind": "strength", "text_sv": "Vi lär av varandra"}],
        )
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 200
        assert said(
            response, "Choose the SWOT format to record strengths, weaknesses and the rest."
        )
        assert not WorkshopItem.objects.exists()

    def test_the_swot_format_keeps_points_and_next_steps(
        self, coordinator_client, held_last_week, organisation, other_organisation
    ):
        data = log_data(
            held_last_week,
            [organisation, other_organisation],
            format="swot",
            swot=[{"kind": "weakness", "text_sv": "Ojämnt deltagande"}],
            actions=[
                {
                    "text_sv": "Skicka påminnelser",
                    "owner": organisation.pk,
                    "swot_heading": "weakness",
                }
            ],
        )
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 302
        detail = coordinator_client.get(held_last_week.get_absolute_url())
        assert "SWOT" in detail.text and "Ojämnt deltagande" in detail.text
        assert "Skicka påminnelser" in detail.text

    def test_the_next_workshop_cannot_be_planned_in_the_past(
        self, coordinator_client, organisation, other_organisation
    ):
        old = PlannedWorkshopFactory(starts_at=days_from_now(-30))
        data = log_data(old, [organisation, other_organisation])
        response = coordinator_client.post(reverse("workshops:log", args=[old.pk]), data)
        assert response.status_code == 200
        assert said(
            response,
            "A workshop in the past cannot be planned: log it as held, or mark it cancelled.",
        )
        assert Workshop.objects.count() == 1

    def test_an_existing_record_is_edited_and_items_removed(
        self, coordinator_client, organisation, other_organisation
    ):
        workshop = WorkshopFactory()
        decision = ItemFactory(workshop=workshop, text_sv="Fel beslut")
        data = log_data(workshop, [organisation, other_organisation], plan_next=False)
        data.update(_management("decisions", 3, 1))
        data["decisions-0-id"] = str(decision.pk)
        data["decisions-0-text_sv"] = "Fel beslut"
        data["decisions-0-DELETE"] = "on"
        response = coordinator_client.post(reverse("workshops:log", args=[workshop.pk]), data)
        assert response.status_code == 302
        assert not WorkshopItem.objects.exists()

    def test_a_cancelled_workshop_has_no_log(self, coordinator_client):
        workshop = PlannedWorkshopFactory(status=WorkshopStatus.CANCELLED)
        response = coordinator_client.get(reverse("workshops:log", args=[workshop.pk]))
        assert response.status_code == 302

    def test_members_cannot_log(self, client, member, held_last_week):
        client.force_login(member)
        response = client.get(reverse("workshops:log", args=[held_last_week.pk]))
        assert response.status_code == 403


class TestPlan:
    def test_it_plans_a_workshop(self, coordinator_client):
        starts = days_from_now(10).strftime(FORMAT)
        response = coordinator_client.post(
            reverse("workshops:create"),
            {"starts_at": starts, "theme_sv": "Ensamhet", "format": "standard"},
        )
        workshop = Workshop.objects.get()
        assert response["Location"] == workshop.get_absolute_url()
        assert workshop.status == WorkshopStatus.PLANNED

    def test_a_planned_workshop_in_the_past_is_refused(self, coordinator_client):
        starts = days_from_now(-10).strftime(FORMAT)
        response = coordinator_client.post(
            reverse("workshops:create"),
            {"starts_at": starts, "theme_sv": "Ensamhet", "format": "standard"},
        )
        assert response.status_code == 200
        assert said(
            response,
            "A workshop in the past cannot be planned: log it as held, or mark it cancelled.",
        )
        assert not Workshop.objects.exists()

    def test_it_moves_a_planned_workshop(self, coordinator_client):
        workshop = PlannedWorkshopFactory()
        new_start = days_from_now(9)
        response = coordinator_client.post(
            reverse("workshops:edit", args=[workshop.pk]),
            {"starts_at": new_start.strftime(FORMAT), "theme_sv": "Nytt", "format": "swot"},
        )
        assert response.status_code == 302
        workshop.refresh_from_db()
        assert workshop.starts_at == new_start and workshop.format == "swot"

    def test_editing_a_held_workshop_goes_to_its_log(self, coordinator_client):
        workshop = WorkshopFactory()
        response = coordinator_client.get(reverse("workshops:edit", args=[workshop.pk]))
        assert response["Location"] == reverse("workshops:log", args=[workshop.pk])

    def test_it_cancels(self, coordinator_client):
        workshop = PlannedWorkshopFactory()
        coordinator_client.post(reverse("workshops:cancel", args=[workshop.pk]))
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.CANCELLED

    def test_cancelling_a_held_workshop_changes_nothing(self, coordinator_client):
        workshop = WorkshopFactory()
        response = coordinator_client.post(
            reverse("workshops:cancel", args=[workshop.pk]), follow=True
        )
        assert said(response, "Only a planned workshop can be cancelled.")
        workshop.refresh_from_db()
        assert workshop.status == WorkshopStatus.HELD


class TestMinutes:
    def test_the_public_reads_only_published_public_parts(self, client, organisation):
        workshop = WorkshopFactory(minutes_state=MinutesState.PUBLISHED)
        AttendanceFactory(workshop=workshop, organisation=organisation)
        ItemFactory(workshop=workshop, text_sv="Ett offentligt beslut")
        ActionFactory(workshop=workshop, text_sv="En intern åtgärd")
        response = client.get(workshop.get_absolute_url())
        assert "Vi pratade om trygghet." in response.text
        assert "Ett offentligt beslut" in response.text
        assert "Folkets Husby" in response.text
        assert "En intern åtgärd" not in response.text
        assert "Internt: lokalen" not in response.text

    def test_the_public_does_not_read_a_draft(self, client):
        workshop = WorkshopFactory()
        ItemFactory(workshop=workshop, text_sv="Ett utkast till beslut")
        response = client.get(workshop.get_absolute_url())
        assert "Ett utkast till beslut" not in response.text
        assert "Vi pratade om trygghet." not in response.text

    def test_members_read_the_draft_and_internal_notes(self, client, member):
        workshop = WorkshopFactory()
        ActionFactory(workshop=workshop, text_sv="En intern åtgärd")
        client.force_login(member)
        response = client.get(workshop.get_absolute_url())
        assert "Internt: lokalen" in response.text and "En intern åtgärd" in response.text

    def test_a_member_whose_organisation_came_comments(self, client, member, organisation):
        workshop = WorkshopFactory()
        AttendanceFactory(workshop=workshop, organisation=organisation)
        client.force_login(member)
        assert said(client.get(workshop.get_absolute_url()), "Send the comment")
        response = client.post(
            reverse("workshops:comment", args=[workshop.pk]),
            {"kind": "correction", "text": "Vi var tre personer."},
        )
        assert response.status_code == 302
        comment = MinutesComment.objects.get()
        assert comment.organisation == organisation and comment.author == member

    def test_an_empty_comment_saves_nothing(self, client, member, organisation):
        workshop = WorkshopFactory()
        AttendanceFactory(workshop=workshop, organisation=organisation)
        client.force_login(member)
        response = client.post(
            reverse("workshops:comment", args=[workshop.pk]),
            {"kind": "comment", "text": ""},
            follow=True,
        )
        assert said(response, "Write a comment.")
        assert not MinutesComment.objects.exists()

    def test_a_member_whose_organisation_stayed_away_cannot_comment(self, client, outsider):
        workshop = WorkshopFactory()
        client.force_login(outsider)
        response = client.post(
            reverse("workshops:comment", args=[workshop.pk]), {"kind": "comment", "text": "Hej"}
        )
        assert response.status_code == 403

    def test_it_publishes(self, coordinator_client):
        workshop = WorkshopFactory()
        coordinator_client.post(reverse("workshops:publish", args=[workshop.pk]))
        workshop.refresh_from_db()
        assert workshop.is_published

    def test_it_does_not_publish_without_a_summary(self, coordinator_client):
        workshop = WorkshopFactory(summary_sv="")
        response = coordinator_client.post(
            reverse("workshops:publish", args=[workshop.pk]), follow=True
        )
        assert said(response, "Write a public summary (in Swedish) before publishing.")
        workshop.refresh_from_db()
        assert workshop.is_draft


class TestActions:
    def test_the_owner_marks_an_action_done(self, client, member, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(member)
        response = client.post(
            reverse("workshops:action_update", args=[action.pk]),
            {"change": "done", "note": "Klart"},
        )
        assert response["Location"] == reverse("workshops:actions")
        action.refresh_from_db()
        assert action.is_done and action.progress_note == "Klart"

    def test_back_to_the_workshop_page(self, client, member, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(member)
        response = client.post(
            reverse("workshops:action_update", args=[action.pk]),
            {"change": "done", "next": "detail"},
        )
        assert response["Location"] == action.workshop.get_absolute_url()

    def test_another_organisation_cannot_update_it(self, client, outsider, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(outsider)
        response = client.post(
            reverse("workshops:action_update", args=[action.pk]), {"change": "done"}
        )
        assert response.status_code == 403
        action.refresh_from_db()
        assert not action.is_done

    def test_bad_input_changes_nothing(self, client, member, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(member)
        response = client.post(
            reverse("workshops:action_update", args=[action.pk]), {"change": "explode"}, follow=True
        )
        assert said(response, "Choose what to change.")
        action.refresh_from_db()
        assert not action.is_done

    def test_the_workshop_page_offers_the_form_only_for_the_users_actions(
        self, client, member, organisation, other_organisation
    ):
        workshop = WorkshopFactory()
        ItemFactory(workshop=workshop, kind=ItemKind.THREAT, text_sv="Lokalen stänger")
        ours = ActionFactory(workshop=workshop, owner=organisation)
        answer = ActionFactory(workshop=workshop, owner=organisation, swot_heading="threat")
        theirs = ActionFactory(workshop=workshop, owner=other_organisation)
        client.force_login(member)
        page = client.get(workshop.get_absolute_url()).text
        for action in (ours, answer):
            assert reverse("workshops:action_update", args=[action.pk]) in page
        assert reverse("workshops:action_update", args=[theirs.pk]) not in page

    def test_the_workshop_page_only_adds_a_note_unless_told_otherwise(
        self, client, member, organisation
    ):
        """A person who types a note and presses "Update" has not closed or reopened anything:
        the change each form starts on is the note alone."""
        workshop = WorkshopFactory()
        open_action = ActionFactory(workshop=workshop, owner=organisation)
        done_action = ActionFactory(workshop=workshop, owner=organisation)
        done_action.done_at = timezone.now()
        done_action.save()
        client.force_login(member)
        page = client.get(workshop.get_absolute_url()).text
        for action in (open_action, done_action):
            select = re.search(rf'<select[^>]* id="change-{action.pk}">(.*?)</select>', page, re.S)
            first = re.search(r"<option ([^>]*)>", select.group(1)).group(1)
            assert first == 'value="note" selected'

    def test_the_list_marks_overdue_actions(self, client, member, organisation):
        ActionFactory(
            owner=organisation,
            due=timezone.localdate() - datetime.timedelta(days=3),
            text_sv="Sen åtgärd",
        )
        ActionFactory(owner=organisation, done_at=timezone.now(), text_sv="Klar åtgärd")
        client.force_login(member)
        response = client.get(reverse("workshops:actions"))
        assert "Sen åtgärd" in response.text and said(response, "overdue")
        assert "Klar åtgärd" not in response.text

    def test_dates_in_the_list_do_not_break_at_their_hyphens(self, client, member, organisation):
        action = ActionFactory(owner=organisation, due=datetime.date(2026, 11, 30))
        client.force_login(member)
        page = client.get(reverse("workshops:actions")).text
        assert '<span class="text-nowrap">2026-11-30</span>' in page
        assert f'<td class="text-nowrap"><a href="{action.workshop.get_absolute_url()}">' in page

    def test_the_list_filters_by_owner(self, client, member, organisation, other_organisation):
        ActionFactory(owner=organisation, text_sv="Vår åtgärd")
        ActionFactory(owner=other_organisation, text_sv="Deras åtgärd")
        client.force_login(member)
        response = client.get(reverse("workshops:actions"), {"owner": organisation.slug})
        assert "Vår åtgärd" in response.text and "Deras åtgärd" not in response.text


class TestActionList:
    """The open actions list saves ticks and notes for many actions at once."""

    def post(self, client, data, **extra):
        return client.post(reverse("workshops:actions_update"), data, **extra)

    def test_the_owner_saves_several_actions_at_once(self, client, member, organisation):
        done, noted, untouched = ActionFactory.create_batch(3, owner=organisation)
        untouched.progress_note = "Som förut"
        untouched.save()
        client.force_login(member)
        page = client.get(reverse("workshops:actions"))
        assert f'name="done-{done.pk}"' in page.text and said(page, "Save changes")
        # Nothing is ticked until the owner ticks it: a note alone leaves an action open.
        assert "checked" not in page.text.split("<tbody>", 1)[1]
        assert "Kryssa i de åtgärder som är gjorda" in page.text

        response = self.post(
            client,
            {
                "item": [done.pk, noted.pk, untouched.pk],
                f"done-{done.pk}": "on",
                f"note-{done.pk}": "Klart",
                f"note-{noted.pk}": "Halvvägs",
                f"note-{untouched.pk}": "Som förut",
                "page": "1",
            },
            follow=True,
        )

        assert response.redirect_chain[-1][0] == reverse("workshops:actions") + "?page=1"
        assert "2 åtgärder uppdaterades." in response.text
        for action in (done, noted, untouched):
            action.refresh_from_db()
        assert done.is_done and done.progress_note == "Klart" and done.done_by == member
        assert not noted.is_done and noted.progress_note == "Halvvägs"
        assert not untouched.is_done and untouched.progress_note == "Som förut"

    def test_nothing_ticked_or_written_changes_nothing(self, client, member, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(member)
        response = self.post(client, {"item": [action.pk], f"note-{action.pk}": ""}, follow=True)
        assert said(response, "Nothing was changed.")
        action.refresh_from_db()
        assert not action.is_done

    def test_one_action_of_another_organisation_spoils_the_whole_request(
        self, client, member, organisation, other_organisation
    ):
        ours, theirs = ActionFactory(owner=organisation), ActionFactory(owner=other_organisation)
        client.force_login(member)
        page = client.get(reverse("workshops:actions"))
        assert f'name="done-{ours.pk}"' in page.text
        assert f'name="done-{theirs.pk}"' not in page.text

        response = self.post(
            client,
            {"item": [ours.pk, theirs.pk], f"done-{ours.pk}": "on", f"done-{theirs.pk}": "on"},
        )

        assert response.status_code == 403
        ours.refresh_from_db()
        theirs.refresh_from_db()
        assert not ours.is_done and not theirs.is_done

    def test_a_note_too_long_saves_nothing_and_says_why(self, client, member, organisation):
        first, second = ActionFactory.create_batch(2, owner=organisation)
        client.force_login(member)
        response = self.post(
            client,
            {
                "item": [first.pk, second.pk],
                f"done-{first.pk}": "on",
                f"note-{second.pk}": "x" * 301,
                "owner": organisation.slug,
            },
            follow=True,
        )
        assert response.redirect_chain[-1][0].endswith(f"?owner={organisation.slug}")
        assert said(
            response, "A progress note can be at most %(limit_value)d characters.", limit_value=300
        )
        first.refresh_from_db()
        assert not first.is_done

    @pytest.mark.parametrize("item", ["abc", "-1", "1.5", "", "²", "9" * 30, "1\x00"])
    def test_a_key_that_is_not_one_is_a_bad_request(self, client, member, item):
        client.force_login(member)
        assert self.post(client, {"item": [item]}).status_code == 400

    def test_a_missing_action_is_not_found(self, client, member):
        client.force_login(member)
        assert self.post(client, {"item": ["999999"]}).status_code == 404

    def test_a_replayed_request_changes_nothing_more(self, client, member, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(member)
        data = {"item": [action.pk], f"done-{action.pk}": "on"}
        self.post(client, data)
        action.refresh_from_db()
        first_done = action.done_at
        assert self.post(client, data).status_code == 302
        action.refresh_from_db()
        assert action.done_at == first_done

    def test_the_way_back_stays_on_the_list(self, client, member, organisation):
        action = ActionFactory(owner=organisation)
        client.force_login(member)
        response = self.post(
            client, {"item": [action.pk], "page": "https://evil.example/", "next": "//evil"}
        )
        assert response["Location"].startswith(reverse("workshops:actions") + "?")
        assert "evil.example" not in response["Location"].split("?")[0]


class TestParkingLot:
    def test_it_lists_parked_ideas_and_archived_ones_apart(self, client, member):
        ParkedItemFactory(text_sv="Parkerad idé")
        ParkedItemFactory(text_sv="Arkiverad idé", archived_at=timezone.now(), archive_reason="Nej")
        client.force_login(member)
        parked = client.get(reverse("workshops:parking_lot"))
        archived = client.get(reverse("workshops:parking_lot"), {"archived": "1"})
        assert "Parkerad idé" in parked.text and "Arkiverad idé" not in parked.text
        assert "Arkiverad idé" in archived.text

    def test_the_coordinator_sets_a_new_date(self, coordinator_client):
        idea = ParkedItemFactory()
        coordinator_client.post(
            reverse("workshops:parked_item_schedule", args=[idea.pk]),
            {"look_again_on": "2031-03-01"},
        )
        idea.refresh_from_db()
        assert idea.look_again_on == datetime.date(2031, 3, 1)

    def test_a_bad_date_changes_nothing(self, coordinator_client):
        idea = ParkedItemFactory()
        before = idea.look_again_on
        response = coordinator_client.post(
            reverse("workshops:parked_item_schedule", args=[idea.pk]),
            {"look_again_on": "soon"},
            follow=True,
        )
        assert said(response, "Give a valid date to look at the parked idea again.")
        idea.refresh_from_db()
        assert idea.look_again_on == before

    def test_the_coordinator_archives_with_a_reason(self, coordinator_client):
        idea = ParkedItemFactory()
        coordinator_client.post(
            reverse("workshops:parked_item_archive", args=[idea.pk]),
            {"reason": "Skolan gör det redan"},
        )
        idea.refresh_from_db()
        assert idea.archive_reason == "Skolan gör det redan"

    def test_archiving_without_a_reason_changes_nothing(self, coordinator_client):
        idea = ParkedItemFactory()
        response = coordinator_client.post(
            reverse("workshops:parked_item_archive", args=[idea.pk]), {"reason": ""}, follow=True
        )
        assert said(response, "Say why the parked idea is archived.")
        idea.refresh_from_db()
        assert idea.archived_at is None

    def test_an_action_is_not_managed_as_an_idea(self, coordinator_client):
        action = ActionFactory()
        response = coordinator_client.post(
            reverse("workshops:parked_item_archive", args=[action.pk]), {"reason": "x"}
        )
        assert response.status_code == 403

    def test_ideas_due_are_on_the_next_workshops_agenda(self, client, member):
        ParkedItemFactory(text_sv="Dags att titta igen", look_again_on=timezone.localdate())
        planned = PlannedWorkshopFactory()
        client.force_login(member)
        assert "Dags att titta igen" in client.get(planned.get_absolute_url()).text


class TestThemes:
    def test_a_member_suggests_a_theme(self, client, member, organisation):
        client.force_login(member)
        response = client.post(reverse("workshops:theme_suggest"), {"title": "Ensamhet"})
        assert response["Location"] == reverse("workshops:themes")
        assert ThemeSuggestion.objects.get().organisation == organisation

    def test_a_blank_theme_comes_back_with_a_message(self, client, member):
        client.force_login(member)
        response = client.post(reverse("workshops:theme_suggest"), {"title": ""})
        assert response.status_code == 200
        assert "title" in response.context["form"].errors
        assert not ThemeSuggestion.objects.exists()

    def test_the_coordinator_notes_a_theme_taken_up(self, coordinator_client):
        suggestion = ThemeSuggestionFactory()
        workshop = PlannedWorkshopFactory()
        coordinator_client.post(
            reverse("workshops:theme_take_up", args=[suggestion.pk]), {"workshop": workshop.pk}
        )
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.TAKEN_UP

    def test_taking_up_without_a_workshop_changes_nothing(self, coordinator_client):
        suggestion = ThemeSuggestionFactory()
        coordinator_client.post(reverse("workshops:theme_take_up", args=[suggestion.pk]), {})
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.OPEN


class TestAttendance:
    def test_it_shows_uneven_attendance(self, client, member, organisation, other_organisation):
        for _ in range(3):
            AttendanceFactory(workshop=WorkshopFactory(), organisation=organisation, people=2)
        client.force_login(member)
        response = client.get(reverse("workshops:attendance"))
        assert "<svg" in response.text and "<table" in response.text
        assert "100 %" in response.text and "0 %" in response.text


class TestLists:
    def test_upcoming_and_past(self, client):
        PlannedWorkshopFactory(theme_sv="Kommande tema")
        WorkshopFactory(theme_sv="Tidigare tema")
        response = client.get(reverse("workshops:list"))
        assert "Kommande tema" in response.text and "Tidigare tema" in response.text
        # The table's dates do not break at their hyphens.
        assert '<td class="text-nowrap">' in response.text

    def test_english_falls_back_to_swedish(self, client):
        PlannedWorkshopFactory(theme_sv="Bara svenska")
        response = client.get("/en" + reverse("workshops:list"))
        assert "Bara svenska" in response.text


class TestTamperedLog:
    """Whatever arrives, the log answers with the form, never a 500, and saves nothing."""

    @pytest.mark.parametrize(
        "change",
        [
            {"attendance-0-organisation": "not-a-number"},
            {"attendance-0-organisation": "999999"},
            {"attendance-TOTAL_FORMS": "x"},
            {"record-starts_at": "yesterday-ish"},
            {"actions-0-owner": "999999", "actions-0-text_sv": "X"},
            {"swot-0-kind": "decision", "swot-0-text_sv": "X", "record-format": "swot"},
            {"decisions-0-id": "999999", "decisions-0-text_sv": "X"},
        ],
    )
    def test_it_refuses_tampered_input(
        self, coordinator_client, held_last_week, organisation, other_organisation, change
    ):
        data = log_data(held_last_week, [organisation, other_organisation])
        data.update(change)
        response = coordinator_client.post(reverse("workshops:log", args=[held_last_week.pk]), data)
        assert response.status_code == 200
        assert not WorkshopItem.objects.exists() and not Attendance.objects.exists()
        held_last_week.refresh_from_db()
        assert held_last_week.status == WorkshopStatus.PLANNED


def test_taking_up_a_theme_with_a_workshop_that_is_not_a_number_comes_back(client, coordinator):
    from workshops.models import ThemeSuggestion

    suggestion = ThemeSuggestion.objects.create(
        title="Trygghet på kvällen", suggested_by=coordinator
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("workshops:theme_take_up", args=[suggestion.pk]), {"workshop": "\x98x"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.workshop is None
