"""Demo initiatives at every step of the process, moved there through the process itself.

Each initiative is keyed on its Swedish title: if it exists, it is left as it is. This year's
copy of each story ends where the table below says. At --scale N, each earlier year adds a spring
and an autumn round of the same initiatives: most have run their course, the long ones may still
be running. Every story keeps the calendar of `_schedule`: its log, decision, monthly follow-ups
and evaluation are dated when they happened. Each is recorded through the services, as the
people in the story would, so the event stream tells it on those dates.

Only the fund's ledger lets an initiative leave the funding step, and the funding app's demo
runs after this one's `load`. So `load` takes every initiative at most to the funding step; the
funding app's demo then allocates the budgets of those whose story goes further
(`past_funding`), and `move_on_funded`, run after it, moves them on through the process.
"""

import datetime
from decimal import Decimal

from django.forms import modelform_factory
from django.utils import timezone

from actors.events import as_of
from actors.models import Organisation, User
from actors.translations import translate
from focusgroups.models import CouncilConsultation, Insight
from prioritization.models import FocusArea, Need, Outcome, TargetGroup
from workshops.choices import WorkshopStatus
from workshops.models import Workshop

from . import process, services
from .choices import Achievement, FollowUpStatus, InitiativeStep, Recommendation, WayOfWorking
from .forms import DecisionForm, EvaluationForm, FollowUpForm, InitiativeForm
from .models import Decision, Evaluation, FollowUp, Initiative, used_steps

S = InitiativeStep
FORWARD = [S.PROPOSAL, S.DECISION, S.FUNDING, S.EXECUTION, S.EVALUATION, S.COMPLETED]

# Swedish title and its English translation, Swedish summary and its English translation, lead,
# partners, need index, target groups, budget, where it stands this year, how it got off the path
# (reason), months it runs
INITIATIVES = [
    (
        "Läxhjälp och mellanmål efter skolan",
        "Homework help and a snack after school",
        "Två eftermiddagar i veckan får elever i årskurs 7–9 hjälp med läxorna och något att äta.",
        "Two afternoons a week, pupils in years 7–9 get help with homework and something to eat.",
        "jarvaskolan",
        ["folkets-husby"],
        0,
        ["children-13-16"],
        180_000,
        S.COMPLETED,
        "",
        5,
    ),
    (
        "Kvällslöpning för tjejer",
        "Evening running for girls",
        "Löpgrupper med kända ledare som samlas vid Folkets Husby och springer tillsammans.",
        "Running groups with familiar coaches that meet at Folkets Husby and run together.",
        "loparakademin",
        ["galdem-a-talk"],
        2,
        ["children-13-16", "young-16-25"],
        120_000,
        S.COMPLETED,
        "",
        4,
    ),
    (
        "Fotboll på fredagskvällar",
        "Football on Friday evenings",
        "Öppen fotboll i hallen varje fredag kväll med unga ledare från området.",
        "Open football in the sports hall every Friday evening, led by young people from the area.",
        "husby-ff",
        ["bk-jarva"],
        0,
        ["young-16-25"],
        150_000,
        S.EXECUTION,
        "",
        24,
    ),
    (
        "Föräldracaféer på flera språk",
        "Parent cafés in several languages",
        "Träffar där föräldrar får prata om skola, hälsa och sömn med stöd av tolkar.",
        "Meetings where parents talk about school, health and sleep, with interpreters.",
        "radda-barnen",
        ["jarvaskolan"],
        3,
        ["parents"],
        90_000,
        S.EVALUATION,
        "",
        7,
    ),
    (
        "Trygga vuxna i centrum",
        "Safe adults in the centre",
        "Vuxna som finns på plats i centrum på kvällarna och som unga kan vända sig till.",
        "Adults present in the centre in the evenings whom young people can turn to.",
        "stadsmissionen",
        ["folkets-husby"],
        1,
        ["young-16-25"],
        240_000,
        S.FUNDING,
        "",
        24,
    ),
    (
        "Samtalsgrupper om psykisk hälsa",
        "Talking groups on mental health",
        "Samtalsgrupper för unga kvinnor, ledda av unga som själva varit med i podden.",
        "Talking groups for young women, led by young people who have taken part in the podcast.",
        "galdem-a-talk",
        [],
        5,
        ["young-16-25"],
        80_000,
        S.DECISION,
        "",
        18,
    ),
    (
        "Sommarjobbsmässa i Husby",
        "Summer job fair in Husby",
        "En mässa där unga möter arbetsgivare och får hjälp att skriva sin första ansökan.",
        "A fair where young people meet employers and get help writing their first application.",
        "folkets-husby",
        ["rise"],
        6,
        ["young-16-25"],
        60_000,
        S.PROPOSAL,
        "",
        6,
    ),
    (
        "Ungdomsråd för fritidsfrågor",
        "Youth council on leisure",
        "Unga väljer själva vilka aktiviteter som ska finnas på kvällarna.",
        "Young people choose for themselves which evening activities there should be.",
        "folkets-husby",
        [],
        0,
        ["young-16-25"],
        40_000,
        S.NEEDS,
        "",
        24,
    ),
    (
        "Utegym vid Järvafältet",
        "Outdoor gym by Järvafältet",
        "Ett utegym med belysning som alla kan använda.",
        "A lit outdoor gym that everyone can use.",
        "bk-jarva",
        [],
        2,
        ["young-16-25"],
        400_000,
        S.PARKED,
        "Vi väntar på besked om markavtal från staden.",
        12,
    ),
    (
        "Nattvandring med föräldrar",
        "Night walks with parents",
        "Föräldrar går i grupp genom området på fredagsnätter.",
        "Parents walk through the area in groups on Friday nights.",
        "stadsmissionen",
        [],
        1,
        ["parents"],
        30_000,
        S.REJECTED,
        "Finns redan i stadens regi; vi stödjer den i stället för att starta en egen.",
        12,
    ),
]
# Two stories of this year only stand still, so that their lead hears of it: the swimming
# lessons have waited since the summer to be taken up for decision, longer than the
# collaboration allows a step, and the language café has been carried out for months without a
# follow-up report.
STANDING_STILL = [
    (
        "Simskola för vuxna",
        "Swimming lessons for adults",
        "Nybörjarkurser i simning för vuxna som aldrig fick lära sig som barn, med egna tider "
        "för kvinnor och för män.",
        "Beginners' swimming courses for adults who never learnt as children, with separate "
        "times for women and for men.",
        "folkets-husby",
        ["bk-jarva"],
        2,
        ["parents"],
        70_000,
        S.PROPOSAL,
        "",
        6,
    ),
    (
        "Språkcafé på biblioteket",
        "Language café at the library",
        "Varje tisdag övar nyanlända och andra boende svenska över en kopp kaffe, med "
        "volontärer som leder samtalen.",
        "Every Tuesday, newcomers and other residents practise Swedish over a cup of coffee, "
        "with volunteers leading the conversations.",
        "folkets-husby",
        ["stadsmissionen"],
        6,
        ["parents", "young-16-25"],
        45_000,
        S.EXECUTION,
        "",
        12,
    ),
]


def _coordinator():
    return User.objects.filter(role_assignments__role="coordinator").first()


# The proposal's own fields, without the portal form's rule that a proposal answers needs that
# are prioritised already: the demo links its stories to needs of every status.
ProposalForm = modelform_factory(Initiative, fields=InitiativeForm.Meta.fields)
# A follow-up's own fields: the demo gives the reach per target group itself, and measures none,
# so it skips the portal form's fields for them (and the queries that make them, month by month).
ReportForm = modelform_factory(FollowUp, fields=FollowUpForm.Meta.fields)


# Every story keeps one calendar, in days before the initiative starts or after it ends: it is
# proposed three months ahead and spends a month at each step up to its start, goes to evaluation
# a week after its end, once the last monthly follow-up is in, and is evaluated within two months.
BEFORE_START = {S.PROPOSAL: 90, S.DECISION: 60, S.FUNDING: 30, S.EXECUTION: 0}
AFTER_END = {S.EVALUATION: 7, S.COMPLETED: 60}
MONTH = 30  # days in a follow-up period
# How many days ago this year's copy of each story reached the step where it stands.
SINCE = {
    S.PROPOSAL: 15,
    S.DECISION: 20,
    S.FUNDING: 10,
    S.EXECUTION: 100,
    S.EVALUATION: 25,
    S.COMPLETED: 30,
    S.PARKED: 40,
    S.REJECTED: 60,
}
# How the stories that stand still leave the calendar: days since they reached their step, and
# how many of their months over their lead has reported on.
SINCE_OF = {"Simskola för vuxna": 150}
REPORTED_MONTHS_OF = {"Språkcafé på biblioteket": 0}
SIDE_EXITS = (S.PARKED, S.REJECTED)
BEYOND_FUNDING = FORWARD[FORWARD.index(S.FUNDING) + 1 :]


def _days(days: int) -> datetime.timedelta:
    return datetime.timedelta(days=days)


def _end(start: datetime.date, months: int) -> datetime.date:
    """The last day of the last monthly period of an initiative that runs `months`."""
    return start + _days(MONTH * months - 1)


def _schedule(start: datetime.date, end: datetime.date) -> dict[str, datetime.date]:
    """The day of each forward move of an initiative that runs from `start` to `end`."""
    return {
        **{step: start - _days(days) for step, days in BEFORE_START.items()},
        **{step: end + _days(days) for step, days in AFTER_END.items()},
    }


def this_years_start(
    title_sv: str, target: str, months: int, today: datetime.date
) -> datetime.date:
    """The start that brings this year's copy of a story to its step, SINCE days ago."""
    if target == S.NEEDS:
        return today + _days(120)  # an idea nobody has proposed yet
    reached = today - _days(SINCE_OF.get(title_sv, SINCE[target]))
    if target in AFTER_END:
        return reached - _days(AFTER_END[target] + MONTH * months - 1)
    # A side exit is taken when the initiative would have gone to funding.
    return reached + _days(BEFORE_START.get(target, BEFORE_START[S.FUNDING]))


def _stories(scale: int):
    """(Swedish title, spec, start, where its story ends) per demo initiative."""
    today = timezone.localdate()
    for spec in (*INITIATIVES, *STANDING_STILL):
        yield spec[0], spec, this_years_start(spec[0], spec[9], spec[11], today), spec[9]
    # Each earlier year ran a spring and an autumn round of the same initiatives. They have run
    # their course by now, unless they started not long ago and run long.
    for years_back in range(1, scale):
        year = today.year - years_back
        rounds = [
            (f" ({year})", f" ({year})", datetime.date(year, 3, 1)),
            (f" ({year}, hösten)", f" ({year}, autumn)", datetime.date(year, 9, 1)),
        ]
        for suffix, english_suffix, first_start in rounds:
            for index, (title, english_title, *rest) in enumerate(INITIATIVES):
                start = first_start + _days(10 * index)
                target = rest[7]
                if target not in SIDE_EXITS:
                    schedule = _schedule(start, _end(start, rest[9]))
                    target = [step for step, day in schedule.items() if day <= today][-1]
                # An English reader tells the rounds apart by their titles too.
                spec = (title + suffix, english_title + english_suffix, *rest)
                yield spec[0], spec, start, target


def past_funding(*, scale: int = 1) -> dict[str, str]:
    """Swedish title -> final step of the demo initiatives whose story goes past funding."""
    return {
        title_sv: target
        for title_sv, _spec, _start, target in _stories(scale)
        if target in BEYOND_FUNDING
    }


def load(*, scale: int = 1) -> None:
    coordinator = _coordinator()
    if coordinator is None:
        return
    organisations = {o.slug: o for o in Organisation.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    needs = list(Need.objects.order_by("pk"))
    if not needs or not organisations:
        return
    stories = list(_stories(scale))
    made = set(
        Initiative.objects.filter(title_sv__in=[story[0] for story in stories]).values_list(
            "title_sv", flat=True
        )
    )
    for title_sv, spec, start, target in stories:
        if title_sv not in made:
            make_story(spec, title_sv, target, start, organisations, groups, needs, coordinator)


def move_on_funded(*, scale: int = 1) -> None:
    """Move the initiatives whose budget the fund has allocated on from the funding step."""
    coordinator = _coordinator()
    if coordinator is None:
        return
    today = timezone.localdate()
    stories = past_funding(scale=scale)
    waiting = Initiative.objects.filter(step=S.FUNDING, title_sv__in=stories).order_by("pk")
    for initiative in waiting:
        if process.funding_covers_budget(initiative) is not None:
            continue  # the fund has not allocated it (yet): it waits at funding
        target = stories[initiative.title_sv]
        schedule = _schedule(initiative.starts_on, initiative.ends_on)
        for step in BEYOND_FUNDING[: BEYOND_FUNDING.index(target) + 1]:
            _prepare(initiative, step, schedule, coordinator)
            _move(initiative, step, coordinator, schedule[step], "")
            if step == S.EXECUTION:
                _follow_ups(initiative, coordinator, today)


def make_story(
    spec, title_sv, target, start, organisations, groups, needs, coordinator, *, shape=None
):
    """Propose the initiative of `spec` and bring it to `target` through the steps the
    collaboration uses, dated along its calendar from `start`. `shape` holds the proposal's
    other fields as the form takes them (district, way of working and its roles)."""
    (
        _t,
        english_title,
        summary,
        english_summary,
        lead,
        partners,
        need_index,
        group_slugs,
        budget,
        _target,
        reason,
        months,
    ) = spec
    need = needs[need_index % len(needs)]
    consultation = CouncilConsultation.objects.filter(status="answered").first()
    form = ProposalForm(
        {
            "title_sv": title_sv,
            "summary_sv": summary,
            "resident_involvement_sv": "Idén kom från en fokusgrupp och prövades i en workshop.",
            "focus_area": (need.focus_area or FocusArea.objects.first()).pk,
            "needs": [need.pk],
            "outcomes": [o.pk for o in Outcome.objects.filter(need=need)],
            "target_groups": [groups[g].pk for g in group_slugs if g in groups],
            "lead_organisation": organisations[lead].pk,
            "partners": [organisations[p].pk for p in partners if p in organisations],
            "budget": budget,
            "starts_on": start,
            "ends_on": _end(start, months),
            "insights": [i.pk for i in need.insights.all()[:2] or Insight.objects.all()[:1]],
            "consultations": [consultation.pk] if consultation else [],
            # Proposed by the collaboration's organisations, enabled by the collaboration
            "way_of_working": WayOfWorking.OWN_INITIATIVE,
            **(shape or {}),
        }
    )
    schedule = _schedule(start, _end(start, months))
    drafted = min(_at(schedule[S.PROPOSAL] - _days(14)), timezone.now())
    with as_of(drafted):
        initiative = services.initiative_save(
            data=_in_english(
                Initiative,
                _valid(form).cleaned_data,
                title=english_title,
                summary=english_summary,
                resident_involvement="The idea came from a focus group and was tried out in "
                "a workshop.",
            ),
            actor=coordinator,
        )

    path = (
        []
        if target == S.NEEDS
        else FORWARD[: FORWARD.index(target) + 1]
        if target in FORWARD
        else FORWARD[:2]
    )
    used = used_steps()
    path = [step for step in path if step in used or step == S.COMPLETED]
    if S.FUNDING in used:
        # Beyond funding only the fund's allocations open the way: `move_on_funded` goes on.
        path = [step for step in path if step not in BEYOND_FUNDING]
    for step in path:
        _prepare(initiative, step, schedule, coordinator)
        _move(initiative, step, coordinator, schedule[step], "")
        if step == S.EXECUTION:
            _follow_ups(initiative, coordinator, timezone.localdate())
    if target in SIDE_EXITS:
        _move(initiative, target, coordinator, schedule[S.FUNDING], reason)


def _valid(form):
    """A form of the demo's own data, which the services take validated."""
    if not form.is_valid():
        raise ValueError(f"The demo's data does not pass its form: {form.errors.as_json()}")
    return form


def _in_english(model, data: dict, **english: str) -> dict:
    """A record's values for its service, with the English translations of its Swedish texts."""
    record = model(**{f"{name}_sv": data[f"{name}_sv"] for name in english})
    translate(record, "en", **english)
    return {**data, "translations": record.translations}


def _prepare(initiative, step, schedule, coordinator):
    """Record what the rule into `step` asks for, dated before the move is made."""
    if step == S.FUNDING:
        # Decided at the last workshop held while it was up for decision, if there was one.
        workshop = (
            Workshop.objects.filter(
                status=WorkshopStatus.HELD,
                starts_at__date__range=(schedule[S.DECISION], schedule[S.FUNDING]),
            )
            .order_by("-starts_at")
            .first()
        )
        decided_on = workshop.date if workshop else schedule[S.FUNDING]
        form = DecisionForm(
            {
                "decided_on": decided_on,
                "workshop": workshop.pk if workshop else "",
                "decided_by": "Aktörerna i samskapande workshop",
                "conditions_sv": "Uppföljning varje månad.",
            }
        )
        with as_of(_at(decided_on)):
            services.decision_record(
                initiative=initiative,
                data=_in_english(
                    Decision, _valid(form).cleaned_data, conditions="A follow-up every month."
                ),
                actor=coordinator,
            )
    elif step == S.COMPLETED:
        evaluation_record(initiative, schedule[S.COMPLETED] - _days(10))


def _follow_ups(initiative, coordinator, today):
    """The lead organisation's report on each month of the initiative that is over, or on as
    many of them as REPORTED_MONTHS_OF says for a story whose lead has not kept reporting."""
    months = ((initiative.ends_on - initiative.starts_on).days + 1) // MONTH
    reported = REPORTED_MONTHS_OF.get(initiative.title_sv, months)
    groups = list(initiative.target_groups.all())
    for month in range(reported):
        period_start = initiative.starts_on + _days(MONTH * month)
        period_end = period_start + _days(MONTH - 1)
        if period_end >= today:
            break
        # A three-month swing, its middle month troubled, so the chart has something to show.
        swing = month % 3
        form = ReportForm(
            {
                "period_start": period_start,
                "period_end": period_end,
                "activities": 4 + 2 * swing,
                "how_well": "Deltagarna återkommer och tar med sig kompisar.",
                "quality_score": 70 + 5 * swing,
                "better_off": "Fler säger att de har något meningsfullt att göra på kvällarna.",
                "money_spent": (initiative.budget / (months + 1)).quantize(Decimal("0.01")),
                "obstacles": "Lokalen var dubbelbokad två gånger." if swing == 1 else "",
                "status": FollowUpStatus.AT_RISK if swing == 1 else FollowUpStatus.ON_TRACK,
            }
        )
        with as_of(_at(period_end + _days(1))):
            services.follow_up_report(
                initiative=initiative,
                data=_valid(form).cleaned_data,
                reach=dict.fromkeys(groups, 15 + 5 * swing),
                measures={},
                actor=coordinator,
            )


FINDINGS = (
    "Satsningen nådde fler än planerat och deltagarna kom tillbaka.",
    "The initiative reached more people than planned, and participants came back.",
)
LESSONS = (
    "Kända ledare från området gör att unga vågar komma.",
    "Familiar leaders from the area make young people dare to come.",
)


def evaluation_record(initiative, day, *, findings=FINDINGS, lessons=LESSONS):
    """The evaluator's evaluation of the initiative, made on `day`, from its findings and
    lessons as (Swedish, English) pairs."""
    evaluator = User.objects.filter(role_assignments__role="evaluator").first()
    outcomes = list(initiative.outcomes.all())
    form = EvaluationForm(
        {
            "method": "Intervjuer med deltagare och ledare, enkät och närvarolistor.",
            "findings_sv": findings[0],
            "lessons_sv": lessons[0],
            "recommendation": Recommendation.SCALE_UP,
            **{f"achievement_{outcome.pk}": Achievement.PARTLY for outcome in outcomes},
            **{
                f"comment_{outcome.pk}": "Rätt riktning, men målet nås först efter ett år till."
                for outcome in outcomes
            },
        },
        initiative=initiative,
    )
    _valid(form)
    with as_of(_at(day)):
        evaluation = services.evaluation_record(
            initiative=initiative,
            data=_in_english(
                Evaluation,
                form.record_data,
                findings=findings[1],
                lessons=lessons[1],
            ),
            achievements=form.achievements,
            actor=evaluator,
        )
    # Saving stamps the evaluation with today; the period reports read when it was made.
    Evaluation.objects.filter(pk=evaluation.pk).update(evaluated_at=_at(day))


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _move(initiative, step, actor, day, note):
    # The demo tells a story over past months: the move, its log row and its event are dated
    # when it happened.
    with as_of(_at(day)):
        services.initiative_advance(initiative=initiative, to_step=step, actor=actor, note=note)
