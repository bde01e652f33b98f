"""Demo initiatives at every step of the process, moved there through the process itself.

Each initiative is keyed on its Swedish title: if it exists, it is left as it is. At --scale N,
the same kinds of initiatives are made again for each earlier year, so the board and lists
fill up the way they would after N years.

Only the fund's ledger lets an initiative leave the funding step, and the funding app loads
after this one. So `load` takes every initiative at most to the funding step; the funding
app's demo then allocates the budgets of those whose story goes further (`past_funding`),
and `load_late`, run once every app has loaded, moves them on through the process.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from actors.models import Organisation, User
from focusgroups.models import CouncilConsultation, Insight
from prioritization.models import FocusArea, Need, Outcome, TargetGroup
from workshops.models import Workshop

from . import process, services
from .choices import Achievement, FollowUpStatus, InitiativeStep, Recommendation
from .models import (
    Decision,
    Evaluation,
    FollowUp,
    FollowUpReach,
    Initiative,
    InitiativeStepChange,
    OutcomeAchievement,
)

S = InitiativeStep
FORWARD = [S.PROPOSAL, S.DECISION, S.FUNDING, S.EXECUTION, S.EVALUATION, S.COMPLETED]

# Swedish title, English title, Swedish summary, English summary, lead, partners, need index,
# target groups, budget, where it stands, how it got off the path (reason)
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
    ),
]


def _coordinator():
    return User.objects.filter(role_assignments__role="coordinator").first()


def _stories(scale: int):
    """(years back, index, spec, Swedish title, where its story ends) per demo initiative."""
    today = timezone.localdate()
    for years_back in range(scale):
        # The current year tells each story once; earlier years ran about twenty initiatives.
        rounds = (
            ("",)
            if years_back == 0
            else (f" ({today.year - years_back})", f" ({today.year - years_back}, hösten)")
        )
        for suffix in rounds:
            for index, spec in enumerate(INITIATIVES):
                title_sv = spec[0] + suffix
                # Older copies of the set have run their course.
                target = (
                    spec[9] if years_back == 0 or spec[9] in (S.PARKED, S.REJECTED) else S.COMPLETED
                )
                yield years_back, index, spec, title_sv, target


BEYOND_FUNDING = FORWARD[FORWARD.index(S.FUNDING) + 1 :]


def past_funding(*, scale: int = 1) -> dict[str, str]:
    """Swedish title -> final step of the demo initiatives whose story goes past funding."""
    return {
        title_sv: target
        for _years_back, _index, _spec, title_sv, target in _stories(scale)
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
    today = timezone.localdate()
    for years_back, index, spec, title_sv, target in _stories(scale):
        if Initiative.objects.filter(title_sv=title_sv).exists():
            continue
        start = today - datetime.timedelta(days=365 * years_back + 300 - 20 * index)
        _make(spec, title_sv, target, start, organisations, groups, needs, coordinator)


def load_late(*, scale: int = 1) -> None:
    """Move the initiatives whose budget the fund has allocated on from the funding step."""
    coordinator = _coordinator()
    if coordinator is None:
        return
    stories = past_funding(scale=scale)
    waiting = Initiative.objects.filter(step=S.FUNDING, title_sv__in=stories).order_by("pk")
    for initiative in waiting:
        if process.funding_covers_budget(initiative) is not None:
            continue  # the fund has not allocated it (yet): it waits at funding
        target = stories[initiative.title_sv]
        when = _first_move(initiative.starts_on)
        for step in FORWARD[: FORWARD.index(target) + 1]:
            if step in BEYOND_FUNDING:
                _prepare(initiative, step, when.date(), coordinator)
                _move(initiative, step, coordinator, when, "")
            when += datetime.timedelta(days=30)
        if target == S.EXECUTION:
            _follow_ups(initiative, coordinator)


def _first_move(start):
    return datetime.datetime.combine(start - datetime.timedelta(days=60), datetime.time(10))


def _make(spec, title_sv, target, start, organisations, groups, needs, coordinator):
    (
        _t,
        title_en,
        summary_sv,
        summary_en,
        lead,
        partners,
        need_index,
        group_slugs,
        budget,
        _target,
        reason,
    ) = spec
    need = needs[need_index % len(needs)]
    initiative = Initiative.objects.create(
        title_sv=title_sv,
        title_en=title_en,
        summary_sv=summary_sv,
        summary_en=summary_en,
        resident_involvement_sv="Idén kom från en fokusgrupp och prövades i en workshop.",
        resident_involvement_en="The idea came from a focus group and was tried out in a workshop.",
        focus_area=need.focus_area or FocusArea.objects.first(),
        lead_organisation=organisations[lead],
        budget=Decimal(budget),
        starts_on=start,
        ends_on=start + datetime.timedelta(days=300),
        created_by=coordinator,
    )
    initiative.needs.set([need])
    initiative.outcomes.set(Outcome.objects.filter(need=need))
    initiative.target_groups.set([groups[g] for g in group_slugs if g in groups])
    initiative.partners.set([organisations[p] for p in partners if p in organisations])
    initiative.insights.set(need.insights.all()[:2] or Insight.objects.all()[:1])
    consultation = CouncilConsultation.objects.filter(status="answered").first()
    if consultation:
        initiative.consultations.set([consultation])

    when = _first_move(start)
    path = (
        []
        if target == S.NEEDS
        else FORWARD[: FORWARD.index(target) + 1]
        if target in FORWARD
        else FORWARD[:2]
    )
    # Beyond funding only the fund's allocations open the way: `load_late` goes on from there.
    path = [step for step in path if step not in BEYOND_FUNDING]
    for step in path:
        _prepare(initiative, step, when.date(), coordinator)
        _move(initiative, step, coordinator, when, "")
        when += datetime.timedelta(days=30)
    if target in (S.PARKED, S.REJECTED):
        _move(initiative, target, coordinator, when, reason)


def _prepare(initiative, step, day, coordinator):
    """Record what the rule into `step` asks for before the move is made."""
    if step == S.FUNDING:
        workshop = Workshop.objects.filter(status="held").order_by("-starts_at").first()
        Decision.objects.create(
            initiative=initiative,
            decided_on=workshop.date if workshop else day,
            workshop=workshop,
            decided_by="Aktörerna i samskapande workshop",
            conditions_sv="Återrapportering varje kvartal.",
            conditions_en="Report back every quarter.",
            recorded_by=coordinator,
        )
    elif step == S.EVALUATION:
        _follow_ups(initiative, coordinator)
    elif step == S.COMPLETED:
        _evaluation(initiative)


def _follow_ups(initiative, coordinator):
    """Three quarterly reports this year; initiatives of earlier years reported monthly."""
    groups = list(initiative.target_groups.all())
    monthly = initiative.starts_on < timezone.localdate() - datetime.timedelta(days=365)
    periods, length = (10, 30) if monthly else (3, 90)
    for period in range(periods):
        quarter = period % 3
        period_start = initiative.starts_on + datetime.timedelta(days=length * period)
        follow_up = FollowUp.objects.create(
            initiative=initiative,
            period_start=period_start,
            period_end=period_start + datetime.timedelta(days=length - 1),
            activities=10 + 4 * quarter,
            how_well="Deltagarna återkommer och tar med sig kompisar.",
            quality_score=70 + 5 * quarter,
            better_off="Fler säger att de har något meningsfullt att göra på kvällarna.",
            money_spent=(initiative.budget / (periods + 1)).quantize(Decimal("0.01")),
            obstacles="Lokalen var dubbelbokad två gånger." if quarter == 1 else "",
            status=FollowUpStatus.AT_RISK if quarter == 1 else FollowUpStatus.ON_TRACK,
            reported_by=coordinator,
        )
        FollowUpReach.objects.bulk_create(
            [
                FollowUpReach(
                    follow_up=follow_up, target_group=group, participants=25 + 10 * quarter
                )
                for group in groups
            ]
        )


def _evaluation(initiative):
    evaluation = Evaluation.objects.create(
        initiative=initiative,
        method="Intervjuer med deltagare och ledare, enkät och närvarolistor.",
        findings_sv="Satsningen nådde fler än planerat och deltagarna kom tillbaka.",
        findings_en="The initiative reached more people than planned, and participants came back.",
        lessons_sv="Kända ledare från området gör att unga vågar komma.",
        lessons_en="Familiar leaders from the area make young people dare to come.",
        recommendation=Recommendation.SCALE_UP,
        evaluator=User.objects.filter(role_assignments__role="evaluator").first(),
    )
    for outcome in initiative.outcomes.all():
        OutcomeAchievement.objects.create(
            evaluation=evaluation,
            outcome=outcome,
            achievement=Achievement.PARTLY,
            comment="Rätt riktning, men målet nås först efter ett år till.",
        )


def _move(initiative, step, actor, when, note):
    change = services.initiative_advance(
        initiative=initiative, to_step=step, actor=actor, note=note
    )
    # The demo tells a story over past months: date the log row to when it happened.
    InitiativeStepChange.objects.filter(pk=change.pk).update(at=timezone.make_aware(when))
