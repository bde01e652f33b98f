"""Writes for needs, indicators, prioritisation rounds, outcomes and interventions.

Each function is one domain action in one transaction, which also records its event; rows that
others may change at the same time are locked first.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actors.events import event_record
from actors.i18n import in_every_language
from actors.links import url_in
from actors.permissions import is_member_of
from focusgroups import services as focusgroup_services
from focusgroups.models import Idea

from . import imports, selectors
from .choices import IdeaOutcome, NeedStatus, PrioritisationEvent, RoundStatus
from .models import (
    DataPoint,
    FocusArea,
    Indicator,
    Intervention,
    Need,
    Outcome,
    PrioritisationRound,
    RoundResult,
    Score,
    TargetGroup,
)


def _saved(kind: str, item, *, created: bool, actor, **data) -> None:
    """The event of saving a thing described by its name or title in every language it has."""
    name = "name" if hasattr(item, "name_sv") else "title"
    event_record(
        kind=kind,
        subject=item,
        actor=actor,
        data={"created": created, **in_every_language(item, name), **data},
        public=False,
    )


@transaction.atomic
def vocabulary_save(*, item: FocusArea | TargetGroup, actor=None) -> FocusArea | TargetGroup:
    """Create or update a focus area or a target group."""
    created = item.pk is None
    item.full_clean()
    item.save()
    _saved(PrioritisationEvent.VOCABULARY_SAVED, item, created=created, actor=actor)
    return item


@transaction.atomic
def indicator_save(*, indicator: Indicator, actor=None) -> Indicator:
    """Create or update an indicator (its data points come by import)."""
    created = indicator.pk is None
    indicator.full_clean()
    indicator.save()
    _saved(PrioritisationEvent.INDICATOR_SAVED, indicator, created=created, actor=actor)
    return indicator


class ImportFailed(Exception):
    """The file had errors; nothing was saved. `errors` lists (line number, reason)."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class ImportSummary:
    created: int
    updated: int


@transaction.atomic
def data_points_import(*, raw: bytes, actor=None) -> ImportSummary:
    """Import data points from CSV bytes: every row or, at the first bad row, none at all.
    The event records how many points were new or changed."""
    parsed = imports.parse(raw)
    if parsed.errors:
        raise ImportFailed(sorted(parsed.errors))
    existing = {
        (p.indicator_id, p.period, p.target_group_id): p
        for p in DataPoint.objects.select_for_update()
        .order_by("pk")
        .filter(indicator__in={row.indicator.pk for row in parsed.rows})
    }
    new, changed = [], []
    for row in parsed.rows:
        point = existing.get(
            (row.indicator.pk, row.period, row.target_group.pk if row.target_group else None)
        )
        if point is None:
            new.append(
                DataPoint(
                    indicator=row.indicator,
                    period=row.period,
                    target_group=row.target_group,
                    value=row.value,
                )
            )
        elif point.value != row.value:
            point.value = row.value
            point.imported_at = timezone.now()
            changed.append(point)
    DataPoint.objects.bulk_create(new, batch_size=1000)
    DataPoint.objects.bulk_update(changed, ["value", "imported_at"], batch_size=1000)
    if new or changed:  # a file that finds every value in place changes nothing
        event_record(
            kind=PrioritisationEvent.DATA_IMPORTED,
            subject=None,
            actor=actor,
            data={
                "created": len(new),
                "updated": len(changed),
                "indicators": sorted({row.indicator.pk for row in parsed.rows}),
            },
            public=False,
        )
    return ImportSummary(created=len(new), updated=len(changed))


@transaction.atomic
def need_save(*, need: Need, actor=None, relations: dict | None = None) -> Need:
    """Create or update a need with its evidence (target groups, insights, indicators, …)."""
    created = need.pk is None
    if created:
        need.created_by = actor
    need.full_clean()
    need.save()
    for name, values in (relations or {}).items():
        getattr(need, name).set(values)
    event_record(
        kind=PrioritisationEvent.NEED_CREATED if created else PrioritisationEvent.NEED_CHANGED,
        subject=need,
        actor=actor,
        data={**in_every_language(need, "title"), "status": need.status},
        public=False,
    )
    return need


@transaction.atomic
def idea_moderate(
    *,
    idea: Idea,
    outcome: str,
    reply: str,
    actor,
    focus_area: FocusArea | None = None,
    title_sv: str = "",
) -> Need | None:
    """Moderate a resident's idea: make it a need, keep it for later, or decline it.

    The sender is told by e-mail either way, in the language they wrote in.
    """
    if outcome == IdeaOutcome.NEED:
        if focus_area is None or not title_sv.strip():
            raise ValidationError(_("A need needs a focus area and a Swedish title."))
        need = Need(
            title_sv=title_sv,
            description_sv=idea.text,
            focus_area=focus_area,
            created_by=actor,
        )
        need.full_clean()
        need.save()
        need.ideas.add(idea)
        focusgroup_services.idea_accept(
            idea=idea,
            reply=reply,
            actor=actor,
            need=need,
            need_url=url_in(idea.language, "prioritization:need_detail", need.pk),
        )
        return need
    focusgroup_services.idea_keep_or_decline(idea=idea, decision=outcome, reply=reply, actor=actor)
    return None


@transaction.atomic
def round_open(
    *,
    title_sv: str,
    description_sv: str = "",
    closes_on: datetime.date | None = None,
    needs,
    actor,
) -> PrioritisationRound:
    """Open a prioritisation round over a set of needs; member organisations may then score.

    The closing date, when given, tells members how long they have; it cannot lie in the past.
    """
    needs = list(needs)
    if not needs:
        raise ValidationError({"needs": _("Choose at least one need to prioritise.")})
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("The closing date cannot be in the past.")})
    round_ = PrioritisationRound(
        title_sv=title_sv,
        description_sv=description_sv,
        closes_on=closes_on,
        opened_by=actor,
    )
    round_.full_clean()
    round_.save()
    round_.needs.set(needs)
    event_record(
        kind=PrioritisationEvent.ROUND_OPENED,
        subject=round_,
        actor=actor,
        data={
            **in_every_language(round_, "title"),
            "closes_on": closes_on,
            "needs": [n.pk for n in needs],
        },
        public=False,
    )
    return round_


@dataclass(frozen=True)
class ScoreInput:
    need_id: int
    urgency: int
    capacity: int
    contribution: str = ""


class RoundClosed(ValidationError):
    """Scores for a round that no longer takes them."""


def round_ensure_scorable(*, round_: PrioritisationRound) -> None:
    """Raise RoundClosed unless the round takes scores (it is open)."""
    if round_.status != RoundStatus.OPEN:
        raise RoundClosed(_("The round is closed; scores can no longer be changed."))


@transaction.atomic
def round_score(
    *, round_: PrioritisationRound, organisation, scores: list[ScoreInput], actor
) -> int:
    """Record an organisation's scores in an open round; a need scored again is updated.

    Only a person acting for the organisation may score for it, only while the round is open,
    only needs of the round, at least one, and only 1–5 on both scales. All or nothing.
    """
    if not is_member_of(actor, getattr(organisation, "pk", None)):
        raise PermissionDenied
    round_ = PrioritisationRound.objects.select_for_update().get(pk=round_.pk)
    round_ensure_scorable(round_=round_)
    if not scores:
        raise ValidationError(_("Score at least one need."))
    need_ids = set(round_.needs.values_list("pk", flat=True))
    for item in scores:
        if item.need_id not in need_ids:
            raise ValidationError(_("That need is not part of this round."))
        for value in (item.urgency, item.capacity):
            if not isinstance(value, int) or not 1 <= value <= 5:
                raise ValidationError(_("Scores go from 1 to 5."))
    for item in scores:
        Score.objects.update_or_create(
            round=round_,
            need_id=item.need_id,
            organisation=organisation,
            defaults={
                "urgency": item.urgency,
                "capacity": item.capacity,
                "contribution": item.contribution,
                "scored_by": actor,
            },
        )
    event_record(
        kind=PrioritisationEvent.ROUND_SCORED,
        subject=round_,
        actor=actor,
        data={"organisation": organisation.pk, "needs": [item.need_id for item in scores]},
        public=False,
    )
    return len(scores)


TWO_PLACES = Decimal("0.01")


@transaction.atomic
def round_close(
    *, round_: PrioritisationRound, actor, without_missing: bool = False
) -> list[RoundResult]:
    """Close a round: rank its needs by mean urgency plus mean capacity and keep the result.

    Needs in the "urgent and able" quarter of the matrix become prioritised. A round with no
    scores at all cannot be closed. While an active organisation that takes part in prioritising
    (funders and researchers do not) has not scored, the round closes only when the coordinator
    has seen who is missing and closes it without them (`without_missing`): the matrix is public
    the moment the round closes.
    """
    round_ = PrioritisationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("The round is already closed."))
    turnout = selectors.round_turnout(round_, need_count=round_.needs.count())
    if turnout.missing and turnout.scored and not without_missing:
        raise ValidationError(
            ngettext(
                "%(count)d organisation has not scored yet (%(names)s). Confirm that the round "
                "closes without its scores.",
                "%(count)d organisations have not scored yet (%(names)s). Confirm that the round "
                "closes without their scores.",
                len(turnout.missing),
            )
            % {"count": len(turnout.missing), "names": ", ".join(turnout.missing)}
        )
    means = list(
        Score.objects.filter(round=round_)
        .values("need_id")
        .annotate(urgency=Avg("urgency"), capacity=Avg("capacity"), count=Count("pk"))
    )
    if not means:
        raise ValidationError(
            _("No organisation has scored yet; a round with no scores cannot be closed.")
        )
    for row in means:
        row["urgency"] = Decimal(row["urgency"]).quantize(TWO_PLACES, ROUND_HALF_UP)
        row["capacity"] = Decimal(row["capacity"]).quantize(TWO_PLACES, ROUND_HALF_UP)
    means.sort(
        key=lambda r: (-(r["urgency"] + r["capacity"]), -r["urgency"], -r["count"], r["need_id"])
    )
    results = RoundResult.objects.bulk_create(
        RoundResult(
            round=round_,
            need_id=row["need_id"],
            rank=rank,
            urgency=row["urgency"],
            capacity=row["capacity"],
            score_count=row["count"],
        )
        for rank, row in enumerate(means, start=1)
    )
    now = timezone.now()
    newly = Need.objects.filter(
        pk__in=[r.need_id for r in results if r.quadrant == "act"], status=NeedStatus.IDENTIFIED
    )
    prioritised = list(newly.order_by("pk").only("title_sv", "translations"))
    newly.update(status=NeedStatus.PRIORITISED, prioritised_at=now)
    round_.status = RoundStatus.CLOSED
    round_.closed_at = now
    round_.closed_by = actor
    round_.save(update_fields=["status", "closed_at", "closed_by"])
    event_record(
        kind=PrioritisationEvent.ROUND_CLOSED,
        subject=round_,
        actor=actor,
        data={
            **in_every_language(round_, "title"),
            "ranked": len(results),
            "prioritised": [
                {"need": need.pk, **in_every_language(need, "title")} for need in prioritised
            ],
        },
        public=True,
    )
    return results


@transaction.atomic
def outcome_save(*, outcome: Outcome, insights=None, measures=None, actor=None) -> Outcome:
    """Save an outcome, the residents' words behind it, its indicators with baseline and target."""
    created = outcome.pk is None
    outcome.full_clean()
    outcome.save()
    if insights is not None:
        outcome.insights.set(insights)
    if measures is not None:
        measures.instance = outcome
        measures.save()
    _saved(
        PrioritisationEvent.OUTCOME_SAVED,
        outcome,
        created=created,
        actor=actor,
        need=outcome.need_id,
    )
    return outcome


@transaction.atomic
def intervention_save(*, intervention: Intervention, actor=None) -> Intervention:
    """Create or update an intervention (III) proposed for an outcome, with its evidence."""
    created = intervention.pk is None
    intervention.full_clean()
    intervention.save()
    _saved(
        PrioritisationEvent.INTERVENTION_SAVED,
        intervention,
        created=created,
        actor=actor,
        outcome=intervention.outcome_id,
    )
    return intervention
