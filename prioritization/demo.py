"""Demo data for prioritisation: the six focus areas and the first three target groups, indicators
with five years of data, needs with their evidence, two closed prioritisation rounds and an open
one, outcomes and interventions. Every row is keyed on a natural key, so loading twice changes
nothing.

Everything goes through the services (the data points through the CSV import), dated when it
happened, so the demo's event stream tells it; but the scores, which the services take only
from a person acting for the organisation that scores, and the outcomes' baselines and targets,
which the outcome's form brings, are written as they are.

The demo text is written for the demo; the numbers are invented, not real statistics.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.utils import timezone

from actors.demo import through_service
from actors.events import as_of
from actors.models import Organisation, User
from actors.translations import translate
from focusgroups.demo import with_english
from focusgroups.models import CouncilConsultation, FocusGroup, Insight

from . import services
from .choices import Direction, EvidenceStrength, InterventionStatus, NeedStatus, RoundStatus
from .models import (
    FocusArea,
    Indicator,
    Intervention,
    Need,
    Outcome,
    OutcomeIndicator,
    PrioritisationRound,
    Score,
    TargetGroup,
)

FOCUS_AREAS = [
    ("mental-health", "God psykisk hälsa", "Good mental health"),
    ("physical-health", "God fysisk hälsa", "Good physical health"),
    ("safety", "Trygghet", "Safety"),
    ("work-economy", "Arbete och ekonomiska möjligheter", "Work and economic opportunities"),
    (
        "relationships-leisure",
        "Goda relationer och meningsfull fritid",
        "Good relationships and meaningful leisure",
    ),
    (
        "knowledge-influence",
        "Tillgång till kunskap, organisering och inflytande",
        "Access to knowledge, organising and influence",
    ),
]

TARGET_GROUPS = [
    (
        "children-13-16",
        "Barn 13–16 år",
        "Children aged 13–16",
        "Fokus på eftermiddagsaktiviteter efter skolan.",
        "With a focus on after-school activities.",
    ),
    ("young-16-25", "Unga 16–25 år", "Young people aged 16–25", "", ""),
    ("parents", "Föräldrar", "Parents", "", ""),
]


def _vocabulary(model, slug: str, values: dict, actor, **english):
    item = model.objects.filter(slug=slug).first() or model(slug=slug)
    return through_service(
        item,
        with_english(item, values, **english),
        lambda item: services.vocabulary_save(item=item, actor=actor),
    )


def load_vocabulary(actor=None, *, focus_areas=FOCUS_AREAS, target_groups=TARGET_GROUPS) -> None:
    for position, (slug, name_sv, name_english) in enumerate(focus_areas, start=1):
        values = {"position": position, "name_sv": name_sv}
        _vocabulary(FocusArea, slug, values, actor, name=name_english)
    for position, (slug, name_sv, name_english, text_sv, text_english) in enumerate(
        target_groups, start=1
    ):
        values = {"position": position, "name_sv": name_sv, "description_sv": text_sv}
        _vocabulary(TargetGroup, slug, values, actor, name=name_english, description=text_english)


INDICATORS = [
    # slug, focus area, Swedish name, English name, unit, direction, source, 2021..2025 values,
    # and per target group an offset from the all-residents value
    (
        "safe-outdoors",
        "safety",
        "Känner sig trygga ute på kvällen",
        "Feel safe outdoors in the evening",
        "%",
        Direction.HIGHER,
        "Stockholms stads trygghetsundersökning (demo)",
        [52, 54, 51, 56, 59],
        {"young-16-25": -6, "parents": -3},
    ),
    (
        "physical-activity",
        "physical-health",
        "Unga som rör sig minst 60 minuter om dagen",
        "Young people active at least 60 minutes a day",
        "%",
        Direction.HIGHER,
        "Folkhälsomyndigheten, Skolbarns hälsovanor (demo)",
        [38, 35, 37, 40, 42],
        {"children-13-16": 3},
    ),
    (
        "mental-wellbeing",
        "mental-health",
        "Unga som mår bra psykiskt",
        "Young people in good mental health",
        "%",
        Direction.HIGHER,
        "Region Stockholm, Stockholmsenkäten (demo)",
        [61, 57, 58, 60, 63],
        {"children-13-16": 4, "young-16-25": -2},
    ),
    (
        "youth-unemployment",
        "work-economy",
        "Arbetslöshet 18–24 år",
        "Unemployment aged 18–24",
        "%",
        Direction.LOWER,
        "Arbetsförmedlingen (demo)",
        [14.2, 15.1, 13.8, 12.9, 12.4],
        {},
    ),
    (
        "leisure-members",
        "relationships-leisure",
        "Unga som är med i en förening",
        "Young people who belong to an association",
        "%",
        Direction.HIGHER,
        "Fritidsförvaltningen (demo)",
        [29, 27, 30, 33, 35],
        {"children-13-16": 5},
    ),
    (
        "election-turnout",
        "knowledge-influence",
        "Valdeltagande",
        "Voter turnout",
        "%",
        Direction.HIGHER,
        "Valmyndigheten (demo)",
        [61.5, 61.5, 63.0, 63.0, 64.5],
        {},
    ),
]
YEARS = ["2021", "2022", "2023", "2024", "2025"]

# Focus groups from focusgroups' demo: (Swedish title, target groups, {position: focus areas})
FOCUS_GROUP_LINKS = [
    (
        "Unga om fritid och trygghet",
        ["young-16-25"],
        {1: ["safety", "relationships-leisure"], 2: ["mental-health"], 3: ["physical-health"]},
    ),
    (
        "Föräldrar om skola och hälsa",
        ["parents"],
        {
            1: ["knowledge-influence"],
            2: ["mental-health", "physical-health"],
            3: ["relationships-leisure"],
        },
    ),
    (
        "Tjejer 13–16 om rörelse",
        ["children-13-16"],
        {1: ["physical-health", "safety"], 2: ["physical-health"]},
    ),
]

NEEDS = [
    # Swedish title, English title, focus area, target groups, indicators,
    # insights as (focus group, position)
    (
        "Mötesplatser öppna kvällar och helger",
        "Meeting places open in evenings and at weekends",
        "relationships-leisure",
        ["young-16-25", "children-13-16"],
        ["leisure-members"],
        [("Unga om fritid och trygghet", 1), ("Unga om fritid och trygghet", 3)],
    ),
    (
        "Tryggare väg hem på kvällen",
        "A safer way home in the evening",
        "safety",
        ["young-16-25"],
        ["safe-outdoors"],
        [("Tjejer 13–16 om rörelse", 1)],
    ),
    (
        "Träning för tjejer 13–16",
        "Training for girls aged 13–16",
        "physical-health",
        ["children-13-16"],
        ["physical-activity"],
        [("Tjejer 13–16 om rörelse", 2)],
    ),
    (
        "Föräldrastöd på flera språk",
        "Parent support in several languages",
        "knowledge-influence",
        ["parents"],
        [],
        [("Föräldrar om skola och hälsa", 1)],
    ),
    (
        "Sömn och återhämtning för barn",
        "Sleep and rest for children",
        "mental-health",
        ["children-13-16", "parents"],
        ["mental-wellbeing"],
        [("Föräldrar om skola och hälsa", 2)],
    ),
    (
        "Vuxna förebilder för unga",
        "Adult role models for young people",
        "mental-health",
        ["young-16-25"],
        ["mental-wellbeing"],
        [("Unga om fritid och trygghet", 2)],
    ),
    (
        "Sommarjobb och första jobbet",
        "Summer jobs and the first job",
        "work-economy",
        ["young-16-25"],
        ["youth-unemployment"],
        [],
    ),
]

ROUNDS = [
    {
        "title_sv": "Prioritering våren 2025",
        "english": "Prioritisation spring 2025",
        "opened": datetime.datetime(2025, 4, 10, 9, 0, tzinfo=datetime.UTC),
        "closed": datetime.datetime(2025, 4, 30, 15, 0, tzinfo=datetime.UTC),
        "closes_on": datetime.date(2025, 4, 30),
        "needs": [0, 1, 2, 3, 5],
        # organisation -> scores (urgency, capacity) per need in the order above
        "scores": {
            "folkets-husby": [(5, 5), (4, 2), (3, 3), (4, 4), (4, 3)],
            "husby-ff": [(4, 4), (3, 2), (5, 5), (2, 1), (4, 4)],
            "radda-barnen": [(4, 3), (4, 2), (3, 2), (5, 4), (3, 3)],
            "loparakademin": [(3, 3), (4, 3), (5, 4), (2, 1), (3, 4)],
        },
    },
    {
        "title_sv": "Prioritering hösten 2025",
        "english": "Prioritisation autumn 2025",
        "opened": datetime.datetime(2025, 10, 1, 9, 0, tzinfo=datetime.UTC),
        "closed": datetime.datetime(2025, 10, 22, 15, 0, tzinfo=datetime.UTC),
        "closes_on": datetime.date(2025, 10, 22),
        "needs": [3, 4, 5, 6],
        "scores": {
            "folkets-husby": [(4, 4), (3, 2), (4, 3), (4, 2)],
            "stadsmissionen": [(4, 3), (4, 2), (3, 3), (5, 3)],
            "jarvaskolan": [(5, 4), (5, 3), (4, 3), (3, 1)],
            "bk-jarva": [(2, 1), (3, 2), (5, 5), (4, 3)],
        },
    },
]

# A round still open when the demo is loaded, closing two weeks later: Husby FF has scored every
# need, Folkets Husby only the first, the other organisations nothing yet.
OPEN_ROUND = {
    "title_sv": "Prioritering: unga och trygghet",
    "english": "Prioritisation: young people and safety",
    "days_left": 14,
    "needs": [1, 2, 6],
    "scores": {
        "husby-ff": [(4, 4), (5, 4), (3, 2)],
        "folkets-husby": [(4, 3)],
    },
}

OUTCOMES = [
    # need index, Swedish title, English title, insights,
    # (indicator, baseline, period, target, period),
    # interventions: (sv, en, strength, source, url)
    (
        0,
        "Fler unga har en trygg plats att vara på kvällar",
        "More young people have a safe place to be in the evening",
        [("Unga om fritid och trygghet", 1)],
        ("leisure-members", "33", "2024", "40", "2027"),
        [
            (
                "Kvällsöppen fritidsgård med unga ledare",
                "Evening youth centre with young leaders",
                EvidenceStrength.MODERATE,
                "MUCF, Öppen fritidsverksamhet (demo)",
                "https://www.mucf.se/",
            ),
            (
                "Helgöppen idrottshall",
                "Sports hall open at weekends",
                EvidenceStrength.EMERGING,
                "Erfarenheter från Husby FF",
                "",
            ),
        ],
    ),
    (
        2,
        "Fler tjejer 13–16 tränar varje vecka",
        "More girls aged 13–16 train every week",
        [("Tjejer 13–16 om rörelse", 2)],
        ("physical-activity", "40", "2024", "48", "2027"),
        [
            (
                "Löpgrupper för tjejer med kända ledare",
                "Running groups for girls with familiar coaches",
                EvidenceStrength.EMERGING,
                "Löparakademin (demo)",
                "",
            )
        ],
    ),
]


def _target_groups():
    return {g.slug: g for g in TargetGroup.objects.all()}


def load(*, scale: int = 1) -> None:
    coordinator = User.objects.filter(role_assignments__role="coordinator").first()
    load_vocabulary(coordinator)
    areas = {a.slug: a for a in FocusArea.objects.all()}
    groups = _target_groups()

    insights = {
        (i.focus_group.title_sv, i.position): i
        for i in Insight.objects.select_related("focus_group")
    }
    for title_sv, group_slugs, tags in FOCUS_GROUP_LINKS:
        focus_group = FocusGroup.objects.filter(title_sv=title_sv).first()
        if focus_group is None:
            continue
        focus_group.target_groups.set([groups[s] for s in group_slugs])
        for position, area_slugs in tags.items():
            insight = insights.get((title_sv, position))
            if insight is not None:
                insight.focus_areas.set([areas[s] for s in area_slugs])

    indicators = _load_indicators(areas, groups, coordinator)
    consultation = CouncilConsultation.objects.filter(asked_on=datetime.date(2025, 5, 6)).first()
    made = {n.title_sv: n for n in Need.objects.filter(title_sv__in=[n[0] for n in NEEDS])}
    needs = []
    for index, (
        title_sv,
        title_english,
        area,
        group_slugs,
        indicator_slugs,
        insight_keys,
    ) in enumerate(NEEDS):
        need = made.get(title_sv)
        if need is None:
            relations = {
                "target_groups": [groups[s] for s in group_slugs],
                "indicators": [indicators[s] for s in indicator_slugs],
                "insights": [insights[k] for k in insight_keys if k in insights],
            }
            if index == 0 and consultation is not None:
                relations["consultations"] = [consultation]
            need = Need(title_sv=title_sv, focus_area=areas[area])
            translate(need, "en", title=title_english)
            need = services.need_save(need=need, actor=coordinator, relations=relations)
        needs.append(need)

    organisations = {o.slug: o for o in Organisation.objects.all()}
    for spec in ROUNDS:
        closed_round(spec, needs, organisations, coordinator)
    if not PrioritisationRound.objects.filter(title_sv=OPEN_ROUND["title_sv"]).exists():
        round_ = services.round_open(
            title_sv=OPEN_ROUND["title_sv"],
            closes_on=timezone.localdate() + datetime.timedelta(days=OPEN_ROUND["days_left"]),
            needs=[needs[i] for i in OPEN_ROUND["needs"]],
            actor=coordinator,
        )
        _in_english(round_, OPEN_ROUND)
        _fill_round(round_, OPEN_ROUND, needs, organisations)

    for need_index, title_sv, title_english, insight_keys, measure, interventions in OUTCOMES:
        need = needs[need_index]
        outcome = Outcome.objects.filter(need=need, title_sv=title_sv).first() or Outcome(
            need=need, title_sv=title_sv
        )
        outcome = through_service(
            outcome,
            with_english(outcome, {}, title=title_english),
            lambda outcome, keys=insight_keys: services.outcome_save(
                outcome=outcome,
                insights=[insights[k] for k in keys if k in insights],
                actor=coordinator,
            ),
        )
        slug, baseline, baseline_period, target, target_period = measure
        OutcomeIndicator.objects.update_or_create(
            outcome=outcome,
            indicator=indicators[slug],
            defaults={
                "baseline": Decimal(baseline),
                "baseline_period": baseline_period,
                "target": Decimal(target),
                "target_period": target_period,
            },
        )
        for int_sv, int_english, strength, source, url in interventions:
            intervention = Intervention.objects.filter(
                outcome=outcome, title_sv=int_sv
            ).first() or Intervention(outcome=outcome, title_sv=int_sv)
            values = {
                "evidence_strength": strength,
                "evidence_source": source,
                "evidence_url": url,
                "status": InterventionStatus.CANDIDATE,
            }
            through_service(
                intervention,
                with_english(intervention, values, title=int_english),
                lambda item: services.intervention_save(intervention=item, actor=coordinator),
            )
    _load_scaled_needs(scale, coordinator)


def _load_indicators(areas, groups, actor) -> dict[str, Indicator]:
    """The indicators, and their data imported from a CSV file as a coordinator would."""
    indicators = {}
    rows = io.StringIO()
    data = csv.writer(rows)
    data.writerow(["indicator", "period", "target_group", "value"])
    for slug, area, name_sv, name_english, unit, direction, source, values, offsets in INDICATORS:
        indicator = Indicator.objects.filter(slug=slug).first() or Indicator(slug=slug)
        described = {
            "focus_area": areas[area],
            "name_sv": name_sv,
            "unit": unit,
            "direction": direction,
            "source": source,
        }
        indicators[slug] = through_service(
            indicator,
            with_english(indicator, described, name=name_english),
            lambda indicator: services.indicator_save(indicator=indicator, actor=actor),
        )
        for year, value in zip(YEARS, values, strict=True):
            data.writerow([slug, year, "", value])
            for group_slug, offset in offsets.items():
                data.writerow([slug, year, group_slug, Decimal(str(value)) + offset])
    # An import that finds every value in place changes nothing and records nothing.
    services.data_points_import(raw=rows.getvalue().encode(), actor=actor)
    return indicators


def closed_round(spec, needs, organisations, coordinator) -> None:
    """One of the rounds closed in the past: opened, scored and closed on its dates."""
    round_ = PrioritisationRound.objects.filter(title_sv=spec["title_sv"]).first()
    if round_ is not None and round_.status != RoundStatus.OPEN:
        return
    if round_ is None:
        with as_of(spec["opened"]):
            round_ = services.round_open(
                title_sv=spec["title_sv"],
                needs=[needs[i] for i in spec["needs"]],
                actor=coordinator,
            )
        _in_english(round_, spec)
    round_needs = _fill_round(round_, spec, needs, organisations)
    with as_of(spec["closed"]):
        services.round_close(round_=round_, actor=coordinator, without_missing=True)
    # The services stamp the moment they ran (and refuse a closing date in the past).
    PrioritisationRound.objects.filter(pk=round_.pk).update(
        opened_at=spec["opened"], closed_at=spec["closed"], closes_on=spec["closes_on"]
    )
    Need.objects.filter(pk__in=[n.pk for n in round_needs], prioritised_at__isnull=False).update(
        prioritised_at=spec["closed"]
    )


def _in_english(round_, spec) -> None:
    """The round's English title, which a coordinator translates once the round is open."""
    translate(round_, "en", title=spec["english"])
    round_.save(update_fields=["translations"])


def _fill_round(round_, spec, needs, organisations) -> list[Need]:
    """Each organisation's scores in the round, in the order of the spec's needs; returns the
    round's needs."""
    round_needs = [needs[i] for i in spec["needs"]]
    for org_slug, values in spec["scores"].items():
        for need, (urgency, capacity) in zip(round_needs, values, strict=False):
            Score.objects.update_or_create(
                round=round_,
                need=need,
                organisation=organisations[org_slug],
                defaults={"urgency": urgency, "capacity": capacity},
            )
    return round_needs


# Ten years of needs come to about six hundred, the current year's few among them.
SCALED_NEEDS_PER_YEAR = 66


def _load_scaled_needs(scale: int, actor) -> None:
    """Beyond the first year, sixty-odd more needs per year, as a long collaboration gathers."""
    areas = list(FocusArea.objects.order_by("position"))
    if not areas:
        return
    today = datetime.date.today()
    wanted = {}
    for years_back in range(1, scale):
        for number in range(SCALED_NEEDS_PER_YEAR):
            title_sv, title_english, area_slug, *_rest = NEEDS[number % len(NEEDS)]
            label = f" ({today.year - years_back}:{number // len(NEEDS) + 1})"
            wanted[title_sv + label] = (title_english + label, area_slug, number)
    existing = set(Need.objects.filter(title_sv__in=wanted).values_list("title_sv", flat=True))
    by_slug = {area.slug: area for area in areas}
    for title_sv, (title_english, area_slug, number) in wanted.items():
        if title_sv in existing:
            continue
        need = Need(
            title_sv=title_sv,
            focus_area=by_slug.get(area_slug, areas[0]),
            status=NeedStatus.MET
            if number % 3 == 0
            else NeedStatus.SET_ASIDE
            if number % 3 == 1
            else NeedStatus.IDENTIFIED,
        )
        translate(need, "en", title=title_english)
        services.need_save(need=need, actor=actor)
