"""How the demo of a collaboration other than Husby's is told: by the loaders Husby's demo uses
app by app, through the same services, in the order its story happens, from content given as
data (portal/demos/<collaboration>.py).

Such a demo tells one season's work: who takes part, what residents said, the needs made of it,
one prioritisation, the meetings of the last months and the next one, initiatives at several
steps and the ideas residents sent. Every row is keyed on what it is (a title, a date), so
loading twice changes nothing; the meetings follow the calendar, so a later load logs the ones
held since. As Husby's, the story happened in the past and mails no one.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from types import ModuleType
from typing import NamedTuple

from django.utils import timezone

from actors import demo as actors_demo
from actors.events import as_of
from actors.look import Look
from actors.mail import mail_sent_long_ago
from actors.models import District, Organisation, User
from actors.translations import translate, translations_of
from focusgroups import demo as focusgroups_demo
from focusgroups.models import Idea, Insight
from initiatives import demo as initiatives_demo
from initiatives import services as initiative_services
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative, ProcessStep
from networks import demo as networks_demo
from notifications import demo as notifications_demo
from prioritization import demo as prioritization_demo
from prioritization import services as prioritization_services
from prioritization.models import FocusArea, Need, PrioritisationRound, TargetGroup
from workshops import services as workshop_services
from workshops.choices import ItemKind, WorkshopFormat, WorkshopStatus
from workshops.models import (
    MatrixEntry,
    MeetingSettings,
    PrioritisationMatrix,
    ThemeSuggestion,
    Workshop,
    WorkshopItem,
)


def site_settings(
    *,
    name: tuple[str, str],
    tagline: tuple[str, str],
    mission: tuple[str, str],
    look: Look,
    **values,
) -> dict:
    """A collaboration's site settings, set up, from its texts in Swedish and English (name,
    tagline, mission as pairs), its look and its other `values` as they are."""
    return {
        "name_sv": name[0],
        "tagline_sv": tagline[0],
        "mission_sv": mission[0],
        "translations": translations_of("en", name=name, tagline=tagline, mission=mission),
        "primary_colour": look.primary,
        "button_text_colour": look.button_text,
        "header_background": look.header_background,
        "header_text_colour": look.header_text,
        "set_up": True,
        **values,
    }


class Calendar(NamedTuple):
    """When a collaboration meets: `days(today)`, the days of the last meetings and the next;
    `turn(day)`, a number one higher for each meeting."""

    days: Callable[[datetime.date], list[datetime.date]]
    turn: Callable[[datetime.date], int]


@dataclass(frozen=True)
class Meetings:
    """When and where the collaboration meets, and what each meeting was about.

    `calendar` gives the meeting days around today, the last of them still to come, and each
    day's turn: a meeting takes its content from `agendas` by its turn, so a day always gets the
    same and meetings in a row get the agendas in order. An agenda is a dict: theme (sv, en), swot
    (bool), summary (sv, en), items as (kind, Swedish, English, extra) where an action's extra
    names its owner's slug, the person responsible, the days until it is due and the SWOT heading
    it answers, a next step's the SWOT heading it answers, and a parked idea's the days until it
    is looked at again; optionally coming_questions (sv, en), the standing point's record, and
    matrix, a prioritisation matrix made at the meeting: title, x_axis and y_axis (sv, en) and
    entries as (Swedish, English, across, up).
    """

    calendar: Calendar
    starts: datetime.time
    ends: datetime.time
    place: str
    host: str
    agenda_sv: str
    agenda_en: str
    turnout: dict
    agendas: list


@dataclass(frozen=True)
class Collaboration:
    """One collaboration's demo content, in the shapes of Husby's per-app demo data, and its
    shape: districts as (slug, Swedish, English) and the district of each thing by its Swedish
    title; networks as `networks.demo.load` takes them; each initiative's way of working with its
    roles (an owner by its slug); the steps of the process as `process_steps_save` takes them
    (none: the portal's own); the tests of prototypes recorded as evaluations; the meeting
    settings' values."""

    site: dict
    organisations: list
    principles: list
    goals: list
    governance: list
    acting_for: dict
    focus_areas: list
    target_groups: list
    focus_groups: list
    consultations: list
    needs: list
    rounds: list
    meetings: Meetings
    suggestions: list
    initiatives: list
    ideas: list
    idea_reply: str
    districts: list
    district_of: dict
    meeting_kind: dict
    networks: list = field(default_factory=list)
    ways_of_working: dict = field(default_factory=dict)
    process: dict = field(default_factory=dict)
    tests: dict = field(default_factory=dict)

    @classmethod
    def of(cls, content: ModuleType) -> "Collaboration":
        """The collaboration whose content module names each part in capitals (SITE, …); the
        parts with a default may be left out."""
        return cls(
            **{
                part.name: getattr(content, part.name.upper())
                for part in fields(cls)
                if part.default_factory is MISSING or hasattr(content, part.name.upper())
            }
        )

    @property
    def name(self) -> str:
        return self.site["name_sv"]

    def load(self, *, scale: int = 1) -> None:
        with mail_sent_long_ago():
            coordinator = self._actors(scale)
            self._process(coordinator)
            self._meeting_settings(coordinator)
            networks_demo.load(self.networks, actor=coordinator)
            prioritization_demo.load_vocabulary(
                coordinator, focus_areas=self.focus_areas, target_groups=self.target_groups
            )
            focusgroups_demo.load_focus_groups(
                [
                    {**spec, "district": self.district_of.get(spec["key"][0])}
                    for spec in self.focus_groups
                ],
                coordinator,
            )
            for spec in self.consultations:
                focusgroups_demo.consult(spec, coordinator)
            needs = self._needs(coordinator)
            organisations = {o.slug: o for o in Organisation.objects.all()}
            for spec in self.rounds:
                if not PrioritisationRound.objects.filter(title_sv=spec["title_sv"]).exists():
                    prioritization_demo.closed_round(spec, needs, organisations, coordinator)
            self._meetings(organisations, coordinator)
            self._initiatives(organisations, needs, coordinator)
            for title, text, email, status in self.ideas:
                if not Idea.objects.filter(title=title, email=email).exists():
                    focusgroups_demo.send_idea(
                        title, text, email, status, coordinator, reply=self.idea_reply
                    )
            notifications_demo.load(scale=scale)

    def _actors(self, scale: int):
        """The settings, organisations, charter and the five demo logins, acting for this
        collaboration's organisations in Husby's roles."""
        actors_demo.load_collaboration(
            site=self.site,
            organisations=self.organisations,
            principles=self.principles,
            goals=self.goals,
            governance=self.governance,
            users=[
                (email, first, last, roles, self.acting_for.get(email), superuser)
                for email, first, last, roles, _slug, superuser in actors_demo.USERS
            ],
            districts=[
                {
                    "slug": slug,
                    "position": position,
                    "name_sv": name_sv,
                    "translations": translations_of("en", name=(name_sv, name_en)),
                }
                for position, (slug, name_sv, name_en) in enumerate(self.districts, start=1)
            ],
            scale=scale,
        )
        return User.objects.filter(role_assignments__role="coordinator").first()

    def _process(self, coordinator) -> None:
        """The steps of the process the collaboration uses and its names for them, saved when
        they differ from the site's."""
        rows = {step.code: step for step in ProcessStep.every()}
        if any(
            getattr(rows[code], name) != value
            for code, values in self.process.items()
            for name, value in values.items()
        ):
            initiative_services.process_steps_save(steps=self.process, actor=coordinator)

    def _meeting_settings(self, coordinator) -> None:
        meeting = MeetingSettings.objects.filter(pk=1).first() or MeetingSettings(pk=1)
        actors_demo.through_service(
            meeting,
            self.meeting_kind,
            lambda meeting: workshop_services.meeting_settings_save(
                meeting=meeting, actor=coordinator
            ),
        )

    def _district(self, title_sv: str) -> District | None:
        slug = self.district_of.get(title_sv)
        return District.objects.get(slug=slug) if slug else None

    def _needs(self, coordinator) -> list[Need]:
        """The needs, in the order of `self.needs`, each with the residents' words behind it."""
        areas = {a.slug: a for a in FocusArea.objects.all()}
        groups = {g.slug: g for g in TargetGroup.objects.all()}
        insights = {
            (i.focus_group.title_sv, i.position): i
            for i in Insight.objects.select_related("focus_group")
        }
        made = {n.title_sv: n for n in Need.objects.filter(title_sv__in=[n[0] for n in self.needs])}
        needs = []
        for title_sv, title_en, text_sv, text_en, area, group_slugs, insight_keys in self.needs:
            need = made.get(title_sv)
            if need is None:
                need = Need(
                    title_sv=title_sv,
                    description_sv=text_sv,
                    focus_area=areas[area],
                    district=self._district(title_sv),
                )
                translate(need, "en", title=title_en, description=text_en)
                need = prioritization_services.need_save(
                    need=need,
                    actor=coordinator,
                    relations={
                        "target_groups": [groups[s] for s in group_slugs],
                        "insights": [insights[k] for k in insight_keys if k in insights],
                    },
                )
            needs.append(need)
        return needs

    def _meetings(self, organisations, coordinator) -> None:
        """The meetings held in the last months, logged the day they were held with their
        minutes published but the latest's, and the next one planned; then the themes
        participants have sent in for coming meetings."""
        plan = self.meetings
        now = timezone.now()
        days = plan.calendar.days(timezone.localdate())
        made = {
            timezone.localdate(w.starts_at): w
            for w in Workshop.objects.filter(starts_at__in=[_aware(d, plan.starts) for d in days])
        }
        held = [d for d in days if _aware(d, plan.starts) < now]
        for day in days:
            workshop = made.get(day) or self._planned(day)
            if day not in held:
                if workshop.pk is None:
                    workshop_services.workshop_save(workshop=workshop, actor=coordinator)
                continue
            if workshop.status == WorkshopStatus.PLANNED:
                workshop = self._log(workshop, organisations, coordinator)
            if day != held[-1] and workshop.is_draft:
                published_at = _aware(day + datetime.timedelta(days=3), plan.ends)
                with as_of(published_at):
                    workshop_services.workshop_publish(workshop=workshop, actor=coordinator)
                Workshop.objects.filter(pk=workshop.pk).update(published_at=published_at)
        asked = set(ThemeSuggestion.objects.values_list("title", flat=True))
        for title, description, slug in self.suggestions:
            if title not in asked:
                workshop_services.theme_suggest(
                    title=title,
                    description=description,
                    user=None,
                    organisation=organisations.get(slug),
                )

    def _agenda(self, day: datetime.date) -> dict:
        plan = self.meetings
        return plan.agendas[plan.calendar.turn(day) % len(plan.agendas)]

    def _planned(self, day: datetime.date) -> Workshop:
        plan, agenda = self.meetings, self._agenda(day)
        workshop = Workshop(
            starts_at=_aware(day, plan.starts),
            ends_at=_aware(day, plan.ends),
            place=plan.place,
            theme_sv=agenda["theme"][0],
            host=Organisation.objects.filter(slug=plan.host).first(),
            format=WorkshopFormat.SWOT if agenda["swot"] else WorkshopFormat.STANDARD,
            agenda_sv=plan.agenda_sv,
        )
        translate(workshop, "en", theme=agenda["theme"][1], agenda=plan.agenda_en)
        return workshop

    def _log(self, workshop: Workshop, organisations, coordinator) -> Workshop:
        """A held meeting's record: who came, the summary, and what came out of it."""
        plan, day = self.meetings, workshop.date
        agenda = self._agenda(day)
        # Seeded by the date, so each meeting always has the same turnout.
        rng = random.Random(day.toordinal())  # noqa: S311 - demo content, not security
        attendance = {
            organisations[slug].pk: rng.randint(1, 3)
            for slug, chance in plan.turnout.items()
            if slug in organisations and rng.random() < chance
        }
        workshop.summary_sv, summary_en = agenda["summary"]
        workshop.coming_questions_sv, coming_en = agenda.get("coming_questions", ("", ""))
        workshop.residents = rng.randint(3, 12)
        items = []
        for position, (kind, text_sv, text_en, extra) in enumerate(agenda["items"], start=1):
            item = WorkshopItem(kind=kind, position=position, text_sv=text_sv)
            if kind == ItemKind.ACTION:
                owner, responsible, due_in, heading = extra
                item.owner = organisations.get(owner)
                item.responsible = responsible
                item.due = day + datetime.timedelta(days=due_in)
                item.swot_heading = heading
            elif kind == ItemKind.NEXT_STEP:
                item.swot_heading = extra
            elif kind == ItemKind.PARKED:
                item.look_again_on = day + datetime.timedelta(days=extra)
            translate(item, "en", text=text_en)
            items.append(item)
        with as_of(_aware(day, plan.ends)):
            workshop = workshop_services.workshop_log(
                workshop=workshop, attendance=attendance, items=items, actor=coordinator
            )
        # The log keeps the row's translations as they were; the summary's is made after it.
        translate(workshop, "en", summary=summary_en, coming_questions=coming_en)
        workshop.save(update_fields=["translations"])
        if agenda.get("matrix"):
            self._matrix(workshop, agenda["matrix"], coordinator)
        today = timezone.localdate()
        for item in items:
            if item.kind == ItemKind.ACTION and item.due < today and rng.random() < 0.7:
                done_at = _aware(item.due, plan.starts)
                with as_of(done_at):
                    workshop_services.action_complete(item=item, actor=coordinator)
                WorkshopItem.objects.filter(pk=item.pk).update(done_at=done_at)
        return workshop

    def _matrix(self, workshop: Workshop, spec: dict, coordinator) -> None:
        """The prioritisation matrix a held meeting drew."""
        matrix = PrioritisationMatrix(
            workshop=workshop,
            title_sv=spec["title"][0],
            x_axis_sv=spec["x_axis"][0],
            y_axis_sv=spec["y_axis"][0],
        )
        translate(
            matrix, "en", title=spec["title"][1], x_axis=spec["x_axis"][1], y_axis=spec["y_axis"][1]
        )
        entries = []
        for text_sv, text_en, across, up in spec["entries"]:
            entry = MatrixEntry(text_sv=text_sv, x=across, y=up)
            translate(entry, "en", text=text_en)
            entries.append(entry)
        with as_of(_aware(workshop.date, self.meetings.ends)):
            workshop_services.matrix_save(matrix=matrix, entries=entries, actor=coordinator)

    def _shape(self, title_sv: str, organisations) -> dict:
        """An initiative's district, way of working and the roles it names, as the proposal
        form takes them."""
        district = self._district(title_sv)
        shape = {"district": district.pk if district else ""}
        if title_sv in self.ways_of_working:
            way, roles = self.ways_of_working[title_sv]
            shape["way_of_working"] = way
            for role, value in roles.items():
                shape[role] = organisations[value].pk if role == "owner" else value
        return shape

    def _initiatives(self, organisations, needs, coordinator) -> None:
        """The initiatives, each brought to its step along the calendar Husby's follow."""
        if not needs:
            return
        groups = {g.slug: g for g in TargetGroup.objects.all()}
        made = set(
            Initiative.objects.filter(title_sv__in=[s[0] for s in self.initiatives]).values_list(
                "title_sv", flat=True
            )
        )
        today = timezone.localdate()
        for spec in self.initiatives:
            title_sv, target, months = spec[0], spec[9], spec[11]
            if title_sv in made:
                continue
            start = initiatives_demo.this_years_start(title_sv, target, months, today)
            initiatives_demo.make_story(
                spec,
                title_sv,
                target,
                start,
                organisations,
                groups,
                needs,
                coordinator,
                shape=self._shape(title_sv, organisations),
            )
            if title_sv in self.tests:
                self._test(title_sv, start, months)

    def _test(self, title_sv: str, start: datetime.date, months: int) -> None:
        """A prototype's test in practice, recorded as the evaluation at its step a week after
        the test ended."""
        initiative = Initiative.objects.get(title_sv=title_sv)
        if initiative.step != InitiativeStep.EVALUATION:
            return
        ended = start + datetime.timedelta(days=initiatives_demo.MONTH * months - 1)
        initiatives_demo.evaluation_record(
            initiative, ended + datetime.timedelta(days=14), **self.tests[title_sv]
        )


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def monthly(weekday: int, nth: int, *, back: int) -> Calendar:
    """A meeting on the `nth` `weekday` (0 is Monday) of every month: the last `back` months' and
    the coming one."""

    def days(today: datetime.date) -> list[datetime.date]:
        found = []
        for offset in range(-back, 2):
            y, m = divmod(today.year * 12 + today.month - 1 + offset, 12)
            first = datetime.date(y, m + 1, 1)
            found.append(
                first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
            )
        held = [d for d in found if d < today]
        coming = [d for d in found if d >= today]
        return held[-back:] + coming[:1]

    return Calendar(days, lambda day: day.year * 12 + day.month)


def every_other_week(weekday: int, *, back: int) -> Calendar:
    """A meeting every other `weekday`: the last `back` and the next one."""
    # Anchored on a fixed week, so that every load finds the same days.
    anchor = datetime.date(2024, 1, 1) + datetime.timedelta(days=weekday)

    def days(today: datetime.date) -> list[datetime.date]:
        next_day = anchor + datetime.timedelta(days=-(-(today - anchor).days // 14) * 14)
        return [next_day - datetime.timedelta(days=14 * n) for n in range(back, -1, -1)]

    return Calendar(days, lambda day: (day - anchor).days // 14)
