"""Meetings of each kind: the cadence and parts of the record as site data, the SWOT with what
to do next under each heading, the standing point for coming questions, themes sent by members
and taken up, and prioritisation matrices."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import Event
from workshops import services
from workshops.choices import (
    Cadence,
    ItemKind,
    MinutesState,
    SuggestionStatus,
    WorkshopFormat,
    WorkshopStatus,
)
from workshops.models import (
    MatrixEntry,
    MeetingSettings,
    PrioritisationMatrix,
    Workshop,
    WorkshopItem,
)

from .factories import (
    ItemFactory,
    MatrixEntryFactory,
    MatrixFactory,
    PlannedWorkshopFactory,
    ThemeSuggestionFactory,
    WorkshopFactory,
    days_from_now,
    meeting_settings,
)
from .test_views import log_data, said

pytestmark = pytest.mark.django_db

HELSINGBORG = {
    "cadence": Cadence.MONTHLY,
    "name_sv": "Utvecklingsgrupp",
    "has_swot": True,
    "has_coming_questions": True,
    "has_themes": True,
}


def kinds_recorded() -> list[str]:
    return list(Event.objects.order_by("pk").values_list("kind", flat=True))


class TestCadence:
    @pytest.mark.parametrize(
        ("day", "cadence", "expected"),
        [
            (datetime.date(2018, 10, 8), Cadence.WEEKLY, datetime.date(2018, 10, 15)),
            (datetime.date(2018, 10, 8), Cadence.BIWEEKLY, datetime.date(2018, 10, 22)),
            # Helsingborg: the second Monday of October, then of November.
            (datetime.date(2018, 10, 8), Cadence.MONTHLY, datetime.date(2018, 11, 12)),
            (datetime.date(2018, 12, 4), Cadence.MONTHLY, datetime.date(2019, 1, 1)),
            # A fifth Wednesday becomes the last Wednesday of a month that has four.
            (datetime.date(2018, 10, 31), Cadence.MONTHLY, datetime.date(2018, 11, 28)),
        ],
    )
    def test_the_next_meeting_comes_as_the_cadence_says(self, day, cadence, expected):
        assert services.next_meeting_date(day, cadence) == expected

    def test_the_proposal_follows_the_settings_and_keeps_the_time_of_day(self):
        workshop = WorkshopFactory(starts_at=days_from_now(-3, hour=13))
        workshop.ends_at = workshop.starts_at + datetime.timedelta(hours=2)
        assert services.next_workshop_proposal(workshop).date == workshop.date + datetime.timedelta(
            weeks=2
        )
        meeting_settings(cadence=Cadence.MONTHLY)
        proposal = services.next_workshop_proposal(workshop)
        assert proposal.date == services.next_meeting_date(workshop.date, Cadence.MONTHLY)
        assert timezone.localtime(proposal.starts_at).hour == 13
        assert proposal.ends_at - proposal.starts_at == datetime.timedelta(hours=2)

    def test_the_log_page_proposes_a_month_on(self, client_for):
        meeting_settings(cadence=Cadence.MONTHLY)
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        response = client_for("coordinator").get(reverse("workshops:log", args=[workshop.pk]))
        proposed = services.next_meeting_date(workshop.date, Cadence.MONTHLY)
        assert proposed.isoformat() in response.text
        assert said(
            response,
            "Proposed a month after this one, on the same weekday of the month. Accept it, "
            "move it, or untick the box to plan it later.",
        )


class TestSettings:
    def test_the_defaults_are_the_workshops_every_other_week(self):
        meeting = MeetingSettings.current()
        assert meeting.cadence == Cadence.BIWEEKLY
        assert meeting.has_swot and meeting.has_themes
        assert not meeting.has_coming_questions and not meeting.has_matrix

    def test_a_coordinator_saves_them(self, coordinator):
        MeetingSettings.current()  # cached
        services.meeting_settings_save(meeting=MeetingSettings(**HELSINGBORG), actor=coordinator)
        meeting = MeetingSettings.current()
        assert (meeting.cadence, meeting.name_sv) == (Cadence.MONTHLY, "Utvecklingsgrupp")
        event = Event.objects.get(kind="workshops.settings_changed")
        assert event.data["parts"] == ["has_swot", "has_coming_questions", "has_themes"]

    def test_an_unknown_cadence_is_refused(self, coordinator):
        with pytest.raises(ValidationError):
            services.meeting_settings_save(
                meeting=MeetingSettings(cadence="yearly"), actor=coordinator
            )
        assert not MeetingSettings.objects.exists() and not Event.objects.exists()

    def test_the_page_saves_them(self, client_for):
        client = client_for("coordinator")
        data = {**HELSINGBORG, "has_matrix": ""}
        response = client.post(reverse("workshops:settings"), data)
        assert response.status_code == 302
        assert MeetingSettings.current().name == "Utvecklingsgrupp"
        page = client.get(reverse("workshops:list"))
        assert "<h1>Utvecklingsgrupp</h1>" in page.text
        assert said(
            page,
            "Every month the actors meet to move the work forward. Here is what is coming and "
            "what came out of the meetings held.",
        )

    def test_bad_input_gets_the_form_back(self, client_for):
        response = client_for("coordinator").post(
            reverse("workshops:settings"), {"cadence": "yearly", "name_sv": "x" * 81}
        )
        assert response.status_code == 200
        assert response.context["form"].errors.keys() == {"cadence", "name_sv"}
        assert not MeetingSettings.objects.exists()

    def test_the_setup_partial_renders_the_fields_without_a_form(self, client_for):
        response = client_for("coordinator").get(reverse("workshops:settings"))
        assert response.text.count("<form") == response.text.count("</form>")
        assert 'name="cadence"' in response.text and 'name="has_matrix"' in response.text

    @pytest.mark.parametrize("role", ["anonymous", "member"])
    def test_it_is_the_coordinators(self, client_for, role):
        response = client_for(role).post(reverse("workshops:settings"), HELSINGBORG)
        assert response.status_code in (302, 403)
        assert not MeetingSettings.objects.exists()


class TestTheRecordsParts:
    def test_without_swot_the_log_has_no_swot_and_no_format(self, client_for):
        meeting_settings(has_swot=False)
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        response = client_for("coordinator").get(reverse("workshops:log", args=[workshop.pk]))
        assert "record-format" not in response.text and "swot-TOTAL_FORMS" not in response.text

    def test_the_standing_point_is_on_the_log_only_when_the_meetings_have_it(self, client_for):
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        url = reverse("workshops:log", args=[workshop.pk])
        client = client_for("coordinator")
        assert "record-coming_questions_sv" not in client.get(url).text
        meeting_settings(has_coming_questions=True)
        assert "record-coming_questions_sv" in client.get(url).text

    def test_without_themes_the_theme_pages_are_not_there(self, client_for):
        meeting_settings(has_themes=False)
        client = client_for("member")
        assert client.get(reverse("workshops:themes")).status_code == 404
        response = client.post(reverse("workshops:theme_suggest"), {"title": "Trygghet"})
        assert response.status_code == 404


class TestSwotAndComingQuestions:
    def test_next_steps_are_kept_under_their_heading(self, coordinator):
        workshop = WorkshopFactory(format=WorkshopFormat.SWOT, coming_questions_sv="")
        workshop.coming_questions_sv = "Seminarium om substitutionsbehandling?"
        services.workshop_log(
            workshop=workshop,
            attendance={},
            items=[
                WorkshopItem(kind=ItemKind.STRENGTH, text_sv="Kontinuitet"),
                WorkshopItem(
                    kind=ItemKind.NEXT_STEP, swot_heading="strength", text_sv="Bevara öppenheten"
                ),
            ],
            actor=coordinator,
        )
        step = WorkshopItem.objects.get(kind=ItemKind.NEXT_STEP)
        assert step.swot_heading == "strength"
        workshop.refresh_from_db()
        assert workshop.coming_questions_sv == "Seminarium om substitutionsbehandling?"

    @pytest.mark.parametrize(
        ("workshop_format", "heading"),
        [(WorkshopFormat.SWOT, ""), (WorkshopFormat.STANDARD, "threat")],
    )
    def test_a_next_step_needs_a_heading_and_the_swot_format(
        self, coordinator, workshop_format, heading
    ):
        workshop = WorkshopFactory(format=workshop_format)
        with pytest.raises(ValidationError):
            services.workshop_log(
                workshop=workshop,
                attendance={},
                items=[WorkshopItem(kind=ItemKind.NEXT_STEP, swot_heading=heading, text_sv="Mod")],
                actor=coordinator,
            )
        assert not WorkshopItem.objects.exists() and not Event.objects.exists()

    def test_the_log_page_records_the_swot_and_the_public_reads_it_once_published(
        self, client_for, organisation, other_organisation
    ):
        meeting_settings(**HELSINGBORG)
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        data = log_data(
            workshop,
            [organisation, other_organisation],
            format="swot",
            coming_questions_sv="Gemensamt seminarium?",
            swot=[
                {"kind": kind, "text_sv": f"Punkt {kind}"}
                for kind in ("strength", "weakness", "opportunity", "threat")
            ],
            swot_next=[
                {"swot_heading": kind, "text_sv": f"Nästa {kind}"}
                for kind in ("strength", "weakness", "opportunity", "threat")
            ],
            actions=[
                {
                    "text_sv": "Bjud in Finsam",
                    "owner": organisation.pk,
                    "responsible": "Dinah",
                    "swot_heading": "opportunity",
                }
            ],
        )
        response = client_for("coordinator").post(
            reverse("workshops:log", args=[workshop.pk]), data
        )
        assert response.status_code == 302
        assert WorkshopItem.objects.filter(kind=ItemKind.NEXT_STEP).count() == 4

        client = Client()
        page = client.get(workshop.get_absolute_url())
        assert "Nästa threat" not in page.text  # a draft is not public
        Workshop.objects.filter(pk=workshop.pk).update(minutes_state=MinutesState.PUBLISHED)
        page = client.get(workshop.get_absolute_url())
        for kind in ("strength", "weakness", "opportunity", "threat"):
            assert f"Punkt {kind}" in page.text and f"Nästa {kind}" in page.text
        assert "Gemensamt seminarium?" in page.text
        assert "Bjud in Finsam" not in page.text  # actions stay internal
        assert said(page, "What do we do next?") and said(page, "Coming questions")

    def test_a_next_step_without_a_heading_gets_the_page_back(
        self, client_for, organisation, other_organisation
    ):
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        data = log_data(
            workshop,
            [organisation, other_organisation],
            format="swot",
            swot_next=[{"swot_heading": "", "text_sv": "Mod att prioritera"}],
        )
        response = client_for("coordinator").post(
            reverse("workshops:log", args=[workshop.pk]), data
        )
        assert response.status_code == 200
        assert "Mod att prioritera" in response.text
        assert not WorkshopItem.objects.exists()


class TestThemes:
    def test_the_log_takes_a_suggested_theme_for_the_next_meeting(self, coordinator):
        suggestion = ThemeSuggestionFactory(title="SoL-boenden")
        workshop = WorkshopFactory()
        next_workshop = Workshop(starts_at=days_from_now(20), theme_sv="")
        services.workshop_log(
            workshop=workshop,
            attendance={},
            items=[],
            next_workshop=next_workshop,
            next_theme=suggestion,
            actor=coordinator,
        )
        planned = Workshop.objects.get(status=WorkshopStatus.PLANNED)
        assert planned.theme_sv == "SoL-boenden"
        suggestion.refresh_from_db()
        assert (suggestion.status, suggestion.workshop) == (SuggestionStatus.TAKEN_UP, planned)
        assert kinds_recorded() == [
            "workshops.logged",
            "workshops.planned",
            "workshops.theme_taken_up",
        ]

    def test_a_theme_needs_a_next_meeting_to_go_to(self, coordinator):
        suggestion = ThemeSuggestionFactory()
        with pytest.raises(ValidationError):
            services.workshop_log(
                workshop=WorkshopFactory(),
                attendance={},
                items=[],
                next_theme=suggestion,
                actor=coordinator,
            )
        suggestion.refresh_from_db()
        assert suggestion.status == SuggestionStatus.OPEN and not Event.objects.exists()

    def test_the_log_page_takes_one(self, client_for, organisation, other_organisation):
        suggestion = ThemeSuggestionFactory(title="SoL-boenden")
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        data = log_data(workshop, [organisation, other_organisation])
        data.update({"next-theme_sv": "", "next-suggestion": str(suggestion.pk)})
        response = client_for("coordinator").post(
            reverse("workshops:log", args=[workshop.pk]), data
        )
        assert response.status_code == 302
        assert Workshop.objects.get(status=WorkshopStatus.PLANNED).theme_sv == "SoL-boenden"

    @pytest.mark.parametrize("suggestion", ["", "999999", "x"])
    def test_the_next_meeting_needs_a_theme_of_some_kind(
        self, client_for, organisation, other_organisation, suggestion
    ):
        ThemeSuggestionFactory()
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        data = log_data(workshop, [organisation, other_organisation])
        data.update({"next-theme_sv": "", "next-suggestion": suggestion})
        response = client_for("coordinator").post(
            reverse("workshops:log", args=[workshop.pk]), data
        )
        assert response.status_code == 200
        assert Workshop.objects.get() == workshop

    def test_a_theme_becomes_a_planned_workshops_theme(self, coordinator):
        suggestion = ThemeSuggestionFactory(title="Äldre grannar")
        planned = PlannedWorkshopFactory()
        services.theme_take_up(
            suggestion=suggestion, workshop=planned, actor=coordinator, as_theme=True
        )
        planned.refresh_from_db()
        assert planned.theme_sv == "Äldre grannar"
        assert kinds_recorded() == ["workshops.changed", "workshops.theme_taken_up"]

    def test_a_held_workshop_keeps_its_theme(self, coordinator):
        suggestion, held = ThemeSuggestionFactory(), WorkshopFactory(theme_sv="Trygghet")
        with pytest.raises(ValidationError):
            services.theme_take_up(
                suggestion=suggestion, workshop=held, actor=coordinator, as_theme=True
            )
        held.refresh_from_db()
        suggestion.refresh_from_db()
        assert held.theme_sv == "Trygghet" and suggestion.status == SuggestionStatus.OPEN

    def test_the_themes_page_makes_it_the_theme(self, client_for):
        suggestion = ThemeSuggestionFactory(title="Äldre grannar")
        planned = PlannedWorkshopFactory()
        response = client_for("coordinator").post(
            reverse("workshops:theme_take_up", args=[suggestion.pk]),
            {"workshop": planned.pk, "as_theme": "1"},
        )
        assert response.status_code == 302
        planned.refresh_from_db()
        assert planned.theme_sv == "Äldre grannar"

    def test_a_member_sends_a_theme_the_coordinator_sees_when_logging(self, client_for):
        client_for("member").post(reverse("workshops:theme_suggest"), {"title": "SoL-boenden"})
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        response = client_for("coordinator").get(reverse("workshops:log", args=[workshop.pk]))
        assert '<option value="' in response.text and "SoL-boenden" in response.text


def matrix_data(matrix=None, *, entries=(), removed=(), **values):
    data = {
        "matrix-title_sv": "Behov",
        "matrix-x_axis_sv": "Insats",
        "matrix-y_axis_sv": "Effekt",
        **{f"matrix-{key}": value for key, value in values.items()},
    }
    existing = list(matrix.entries.all()) if matrix else []
    rows = [
        {"id": entry.pk, "text_sv": entry.text_sv, "x": entry.x, "y": entry.y} for entry in existing
    ]
    rows += list(entries)
    data.update(
        {
            "entries-TOTAL_FORMS": str(len(rows) + 1),
            "entries-INITIAL_FORMS": str(len(existing)),
            "entries-MIN_NUM_FORMS": "0",
            "entries-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate([*rows, {}]):
        data[f"entries-{index}-id"] = str(row.get("id", ""))
        for name in ("text_sv", "x", "y"):
            data[f"entries-{index}-{name}"] = str(row.get(name, ""))
        if row.get("id") in removed:
            data[f"entries-{index}-DELETE"] = "on"
    return data


class TestMatrices:
    def test_a_matrix_is_recorded_with_its_entries(self, coordinator):
        workshop = WorkshopFactory()
        matrix = services.matrix_save(
            matrix=PrioritisationMatrix(
                workshop=workshop, title_sv="Behov", x_axis_sv="Insats", y_axis_sv="Effekt"
            ),
            entries=[
                MatrixEntry(text_sv="Fika på mötesplatsen", x=1, y=3),
                MatrixEntry(text_sv="Digital träning", x=3, y=2),
            ],
            actor=coordinator,
        )
        assert list(matrix.entries.values_list("text_sv", "position")) == [
            ("Fika på mötesplatsen", 1),
            ("Digital träning", 2),
        ]
        event = Event.objects.get()
        assert event.kind == "workshops.matrix_saved" and len(event.data["entries"]) == 2

    @pytest.mark.parametrize(
        ("workshop_status", "title", "entries"),
        [
            (WorkshopStatus.PLANNED, "Behov", [(1, 1)]),
            (WorkshopStatus.HELD, " ", [(1, 1)]),
            (WorkshopStatus.HELD, "Behov", []),
            (WorkshopStatus.HELD, "Behov", [(0, 4)]),
        ],
    )
    def test_a_broken_rule_saves_nothing(self, coordinator, workshop_status, title, entries):
        workshop = WorkshopFactory(status=workshop_status, starts_at=days_from_now(3))
        with pytest.raises(ValidationError):
            services.matrix_save(
                matrix=PrioritisationMatrix(
                    workshop=workshop, title_sv=title, x_axis_sv="Insats", y_axis_sv="Effekt"
                ),
                entries=[MatrixEntry(text_sv="Behov", x=x, y=y) for x, y in entries],
                actor=coordinator,
            )
        assert not PrioritisationMatrix.objects.exists() and not Event.objects.exists()

    def test_a_matrix_is_removed(self, coordinator):
        matrix = MatrixEntryFactory().matrix
        services.matrix_remove(matrix=matrix, actor=coordinator)
        assert not PrioritisationMatrix.objects.exists() and not MatrixEntry.objects.exists()
        assert kinds_recorded() == ["workshops.matrix_removed"]

    def test_the_page_records_one_and_the_workshop_shows_it_as_a_table(self, client_for):
        meeting_settings(has_matrix=True)
        workshop = WorkshopFactory(minutes_state=MinutesState.PUBLISHED)
        response = client_for("coordinator").post(
            reverse("workshops:matrix_create", args=[workshop.pk]),
            matrix_data(entries=[{"text_sv": "Fika", "x": 1, "y": 3}]),
        )
        matrix = PrioritisationMatrix.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"#matrix-{matrix.pk}")
        page = Client().get(workshop.get_absolute_url())
        assert "<caption" in page.text and "Fika" in page.text
        assert said(
            page,
            "Across: %(x)s, from low to high. Up: %(y)s, high at the top.",
            x="Insats",
            y="Effekt",
        )
        assert 'scope="row">Effekt: ' in page.text

    def test_the_page_corrects_and_removes_entries(self, client_for):
        meeting_settings(has_matrix=True)
        matrix = MatrixFactory()
        kept, gone = MatrixEntryFactory(matrix=matrix), MatrixEntryFactory(matrix=matrix)
        response = client_for("coordinator").post(
            reverse("workshops:matrix_edit", args=[matrix.pk]),
            matrix_data(matrix, removed=[gone.pk], y_axis_sv="Brådska"),
        )
        assert response.status_code == 302
        matrix.refresh_from_db()
        assert matrix.y_axis_sv == "Brådska"
        assert list(matrix.entries.all()) == [kept]

    def test_bad_input_gets_the_page_back_with_what_was_typed(self, client_for):
        meeting_settings(has_matrix=True)
        workshop = WorkshopFactory()
        response = client_for("coordinator").post(
            reverse("workshops:matrix_create", args=[workshop.pk]),
            matrix_data(entries=[{"text_sv": "Fika", "x": 7, "y": 3}], x_axis_sv=""),
        )
        assert response.status_code == 200
        assert "Fika" in response.text
        assert not PrioritisationMatrix.objects.exists()

    def test_no_entries_is_said_next_to_the_form(self, client_for):
        meeting_settings(has_matrix=True)
        workshop = WorkshopFactory()
        response = client_for("coordinator").post(
            reverse("workshops:matrix_create", args=[workshop.pk]), matrix_data()
        )
        assert response.status_code == 200
        assert said(response, "Place at least one need or idea on the matrix.")

    def test_without_matrices_the_pages_are_not_there(self, client_for):
        workshop = WorkshopFactory()
        client = client_for("coordinator")
        assert client.get(reverse("workshops:matrix_create", args=[workshop.pk])).status_code == 404


class TestQueries:
    """The new parts of a meeting's page do not grow with their size."""

    @pytest.mark.parametrize("size", [1, 10])
    def test_the_published_swot_reads_in_fixed_queries(
        self, client, django_assert_num_queries, size
    ):
        meeting_settings(**HELSINGBORG)
        workshop = WorkshopFactory(format=WorkshopFormat.SWOT, minutes_state=MinutesState.PUBLISHED)
        for kind in ("strength", "weakness", "opportunity", "threat"):
            for _n in range(size):
                ItemFactory(workshop=workshop, kind=kind)
                ItemFactory(workshop=workshop, kind=ItemKind.NEXT_STEP, swot_heading=kind)
        MeetingSettings.current()
        # workshop (+host), site settings, photos, attendance, decisions and SWOT
        with django_assert_num_queries(5):
            response = client.get(workshop.get_absolute_url())
        assert response.status_code == 200

    @pytest.mark.parametrize("size", [1, 10])
    def test_matrices_read_in_fixed_queries(self, client, django_assert_num_queries, size):
        meeting_settings(has_matrix=True)
        workshop = WorkshopFactory(minutes_state=MinutesState.PUBLISHED)
        for _n in range(size):
            MatrixEntryFactory(matrix=MatrixFactory(workshop=workshop))
        MeetingSettings.current()
        # workshop (+host), site settings, photos, attendance, items, matrices, their entries
        with django_assert_num_queries(7):
            response = client.get(workshop.get_absolute_url())
        assert response.status_code == 200

    @pytest.mark.parametrize("size", [1, 10])
    def test_the_matrix_page_reads_in_fixed_queries(
        self, client_for, django_assert_num_queries, size
    ):
        meeting_settings(has_matrix=True)
        matrix = MatrixFactory()
        for _n in range(size):
            MatrixEntryFactory(matrix=matrix)
        client = client_for("coordinator")
        MeetingSettings.current()
        # session, user, roles; the matrix (+workshop), its entries, site settings
        with django_assert_num_queries(6):
            response = client.get(reverse("workshops:matrix_edit", args=[matrix.pk]))
        assert response.status_code == 200

    @pytest.mark.parametrize("size", [1, 10])
    def test_the_themes_sent_read_in_fixed_queries(
        self, client_for, django_assert_num_queries, size
    ):
        for _n in range(size):
            ThemeSuggestionFactory()
        client = client_for("coordinator")
        MeetingSettings.current()
        # session, user, roles; count, page of suggestions, upcoming, site settings, taken up
        with django_assert_num_queries(8):
            response = client.get(reverse("workshops:themes"))
        assert response.status_code == 200

    def test_the_settings_page_reads_in_fixed_queries(self, client_for, django_assert_num_queries):
        meeting_settings(**HELSINGBORG)
        client = client_for("coordinator")
        # session, user, roles; meeting settings, site settings
        with django_assert_num_queries(5):
            response = client.get(reverse("workshops:settings"))
        assert response.status_code == 200
