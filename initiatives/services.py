"""Writes for initiatives: proposals, moves through the process, decisions, follow-ups, evaluations.

Each function is one domain action in one transaction, which also records its event. Moves lock
the initiative's row, so two people moving the same initiative at the same moment cannot both
succeed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actors.events import event_record
from actors.formats import sek
from actors.i18n import in_every_language
from actors.models import Event
from actors.permissions import is_coordinator, organisation_ids_of

from . import allocations, process
from .choices import (
    PROCESS_STEPS,
    REQUIRED_ROLES,
    WAY_ROLES,
    InitiativeEvent,
    InitiativeStep,
    WayOfWorking,
)
from .models import (
    Decision,
    Evaluation,
    FollowUp,
    Initiative,
    InitiativeStepChange,
    OutcomeAchievement,
    ProcessStep,
    step_name,
)


class TransitionError(ValidationError):
    """A move that the process does not allow; the message says what is missing."""


class BudgetError(ValidationError):
    """A budget below what the fund has already allocated to the initiative."""


def _initiative_event(kind: str, initiative: Initiative, actor, *, public: bool, **data) -> Event:
    """An event about an initiative: its title in both languages, and the given data."""
    return event_record(
        kind=kind,
        subject=initiative,
        actor=actor,
        data={**in_every_language(initiative, "title"), **data},
        public=public,
    )


def _assign(record, data: dict) -> None:
    for name, value in data.items():
        setattr(record, name, value)


def _need_ids(initiative: Initiative) -> list[int]:
    """The needs an initiative answers, named by its moves and decision: whoever follows a need,
    or sent the idea behind it, is to hear of them."""
    return list(initiative.needs.order_by("pk").values_list("pk", flat=True))


ROLE_MISSING = {
    "owner": gettext_lazy(
        "A joint intervention is owned by the organisation that decided it: choose which."
    ),
    "responsible_person": gettext_lazy(
        "Name the person the owner made responsible for the intervention."
    ),
    "commissioner": gettext_lazy("Say who commissioned the whole-district project."),
    "responsible_manager": gettext_lazy(
        "Name the head of department or company who leads the project."
    ),
}


def _check_way_of_working(initiative: Initiative) -> None:
    """An initiative names the roles its way of working asks for, and keeps none of another's:
    a joint intervention its owner with the mandate and a responsible person, a whole-district
    project its commissioner and responsible manager."""
    way = WayOfWorking(initiative.way_of_working)
    for other, roles in WAY_ROLES.items():
        if other != way:
            for role in roles:
                setattr(initiative, role, None if role == "owner" else "")
    missing = {
        role: str(ROLE_MISSING[role])
        for role in REQUIRED_ROLES[way]
        if not getattr(initiative, f"{role}_id" if role == "owner" else role)
    }
    if missing:
        raise ValidationError(missing)


# The proposal's many-to-many relations, set after its row is saved.
RELATIONS = ("needs", "outcomes", "target_groups", "partners", "insights", "consultations")


def lead_organisation_ids(*, actor, initiative: Initiative | None = None) -> frozenset[int] | None:
    """The organisations `actor` may name as the initiative's lead; None: any active one.

    A coordinator may hand the lead to any organisation. A member proposes with one of its own
    organisations and keeps that lead afterwards.
    """
    if is_coordinator(actor):
        return None
    if initiative is not None and initiative.pk:
        return frozenset({initiative.lead_organisation_id})
    return organisation_ids_of(actor)


@transaction.atomic
def initiative_save(*, initiative: Initiative | None = None, data: dict, actor) -> Initiative:
    """Create a proposal (`initiative` None) or update one from validated values by field name,
    the relations in RELATIONS as lists of objects.

    The lead is one `lead_organisation_ids` allows. The budget never goes below what the fund
    has already allocated to the initiative. The row is locked first, as the ledger locks it to
    book an allocation, so a smaller budget and a new allocation cannot pass each other.
    """
    created = initiative is None
    if created:
        initiative = Initiative(created_by=actor)
    else:
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    allowed = lead_organisation_ids(actor=actor, initiative=initiative)
    lead = data.get("lead_organisation")
    if allowed is not None and getattr(lead, "pk", None) not in allowed:
        raise ValidationError(
            {
                "lead_organisation": _(
                    "A member leads with its own organisation; only a coordinator can hand the "
                    "lead to another."
                )
            }
        )
    _assign(initiative, {name: value for name, value in data.items() if name not in RELATIONS})
    _check_way_of_working(initiative)
    if not created:
        allocated = allocations.allocated_to(initiative)
        if initiative.budget < allocated:
            raise BudgetError(
                {
                    "budget": _(
                        "The fund has already allocated %(allocated)s SEK to this initiative: "
                        "the budget cannot be less. A treasurer books a return first if the "
                        "money is not needed."
                    )
                    % {"allocated": sek(allocated)}
                }
            )
    initiative.save()
    for name in RELATIONS:
        if name in data:
            getattr(initiative, name).set(data[name])
    _initiative_event(
        InitiativeEvent.CREATED if created else InitiativeEvent.CHANGED,
        initiative,
        actor,
        public=False,
        step=initiative.step,
    )
    return initiative


@transaction.atomic
def initiative_advance(
    *,
    initiative: Initiative,
    to_step: str,
    actor,
    note: str = "",
    override_reason: str = "",
    expected_step: str | None = None,
) -> InitiativeStepChange:
    """Move an initiative one step in the process table, writing one row to its log and the
    event of the move (public once the initiative is).

    `expected_step` is the step the person saw when they pressed the button: if someone else
    moved the initiative meanwhile, nothing happens and they are told.
    """
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if expected_step is not None and locked.step != expected_step:
        raise TransitionError(
            _("Someone else moved this initiative to “%(step)s” a moment ago. Nothing was changed.")
            % {"step": locked.step_name}
        )
    transition = process.transition_for(locked.step, to_step)
    if transition is None:
        raise TransitionError(
            _("An initiative cannot go from “%(source)s” to “%(target)s”.")
            % {"source": locked.step_name, "target": step_name(to_step)}
        )
    if not transition.allowed(actor, locked):
        raise PermissionDenied
    note, override_reason = note.strip(), override_reason.strip()
    if transition.needs_reason and not note:
        raise TransitionError(_("Say why: a reason is required for this step."))
    problem = transition.guard(locked) if transition.guard else None
    if problem:
        if not (transition.overridable and override_reason and is_coordinator(actor)):
            raise TransitionError(problem)
    else:
        override_reason = ""

    source = locked.step
    locked.step = to_step
    if to_step == InitiativeStep.PARKED:
        locked.parked_from = source
    elif source == InitiativeStep.PARKED:
        locked.parked_from = ""
    if transition.needs_reason:
        locked.exit_reason = note
    elif source == InitiativeStep.PARKED:
        locked.exit_reason = ""
    if source == InitiativeStep.NEEDS and to_step in (*PROCESS_STEPS, InitiativeStep.COMPLETED):
        locked.submitted_at = timezone.now()
    locked.save(update_fields=["step", "parked_from", "exit_reason", "submitted_at", "updated"])
    initiative.step = locked.step
    event = _initiative_event(
        InitiativeEvent.MOVED,
        locked,
        actor,
        public=locked.is_public,
        needs=_need_ids(locked),
        overridden=bool(override_reason),
        note=note,
        **{"from": source, "to": to_step},
    )
    return InitiativeStepChange.objects.create(
        initiative=locked,
        from_step=source,
        to_step=to_step,
        actor=actor,
        at=event.at,
        note=note,
        override_reason=override_reason,
    )


@transaction.atomic
def decision_record(*, initiative: Initiative, data: dict, actor) -> Decision:
    """Record (or correct) where, when and by whom the initiative was decided, once it is up for
    decision; `data` holds the decision's fields by name."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.step != InitiativeStep.DECISION:
        raise TransitionError(_("A decision is recorded while the initiative is up for decision."))
    decision = Decision.objects.filter(initiative=locked).first() or Decision(initiative=locked)
    _assign(decision, data)
    decision.recorded_by = actor
    decision.save()
    _initiative_event(
        InitiativeEvent.DECIDED,
        locked,
        actor,
        public=locked.is_public,
        needs=_need_ids(locked),
        decided_on=decision.decided_on,
        workshop=decision.workshop_id,
    )
    return decision


@transaction.atomic
def follow_up_report(
    *, initiative: Initiative, data: dict, reach: dict, measures: dict, actor
) -> FollowUp:
    """The lead organisation reports a period: activities (`data`, the follow-up's fields by
    name), reach per target group ({group: participants}), measures ({measure: value}).

    The period is time the initiative ran: it cannot begin before the initiative starts.
    """
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.step not in (InitiativeStep.EXECUTION, InitiativeStep.EVALUATION):
        raise TransitionError(
            _("Follow-ups are reported while the initiative is being carried out.")
        )
    follow_up = FollowUp()
    _assign(follow_up, data)
    if follow_up.period_start < locked.starts_on:
        raise ValidationError(
            {
                "period_start": _(
                    "The initiative starts on %(date)s: a follow-up cannot report on time "
                    "before that."
                )
                % {"date": date_format(locked.starts_on)}
            }
        )
    follow_up.initiative = locked
    follow_up.reported_by = actor
    follow_up.save()
    follow_up.reach.bulk_create(
        [
            follow_up.reach.model(follow_up=follow_up, target_group=group, participants=count)
            for group, count in reach.items()
            if count
        ]
    )
    follow_up.measures.bulk_create(
        [
            follow_up.measures.model(follow_up=follow_up, outcome_indicator=measure, value=value)
            for measure, value in measures.items()
            if value is not None
        ]
    )
    _initiative_event(
        InitiativeEvent.FOLLOW_UP_REPORTED,
        locked,
        actor,
        public=False,
        follow_up=follow_up.pk,
        period_start=follow_up.period_start,
        period_end=follow_up.period_end,
        status=follow_up.status,
    )
    return follow_up


@transaction.atomic
def evaluation_record(
    *, initiative: Initiative, data: dict, achievements: dict, actor
) -> Evaluation:
    """An evaluator records (or revises) the evaluation (`data`, its fields by name) and the
    achievement of each outcome ({outcome: (achievement, comment)})."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.step != InitiativeStep.EVALUATION:
        raise TransitionError(
            _("An evaluation is recorded while the initiative is being evaluated.")
        )
    evaluation = Evaluation.objects.filter(initiative=locked).first() or Evaluation(
        initiative=locked
    )
    _assign(evaluation, data)
    evaluation.evaluator = actor
    evaluation.save()
    for outcome, (achievement, comment) in achievements.items():
        OutcomeAchievement.objects.update_or_create(
            evaluation=evaluation,
            outcome=outcome,
            defaults={"achievement": achievement, "comment": comment},
        )
    _initiative_event(
        InitiativeEvent.EVALUATED,
        locked,
        actor,
        public=False,
        recommendation=evaluation.recommendation,
    )
    return evaluation


@transaction.atomic
def process_steps_save(*, steps: dict[str, dict], actor) -> list[ProcessStep]:
    """Which steps of the process the collaboration uses and their Swedish names (`steps`: by
    code, {"used": bool, "name_sv": str, "description_sv": str}).

    Needs are where every initiative starts, and a process needs somewhere to go from there: the
    needs step and at least one more stay used. A step stays used while an initiative stands at
    it or is parked from it, so that no initiative is left where the process does not go.
    """
    rows = {step.code: step for step in ProcessStep.objects.select_for_update()}
    rows.update({step.code: step for step in ProcessStep.every() if step.code not in rows})
    errors = {}
    for code, values in steps.items():
        if not values["used"] and code == InitiativeStep.NEEDS:
            errors[code] = _("Every initiative starts at this step: it stays used.")
        elif not values["used"] and rows[code].used:
            standing = Initiative.objects.filter(Q(step=code) | Q(parked_from=code)).count()
            if standing:
                errors[code] = ngettext(
                    "%(count)s initiative stands at this step or is parked from it: move it "
                    "on before the step is left out.",
                    "%(count)s initiatives stand at this step or are parked from it: move them "
                    "on before the step is left out.",
                    standing,
                ) % {"count": standing}
    if not errors and sum(1 for values in steps.values() if values["used"]) < 2:
        errors[InitiativeStep.PROPOSAL] = _("The process uses at least one step after the needs.")
    if errors:
        raise ValidationError(errors)
    before = {code: (row.used, row.name_sv) for code, row in rows.items()}
    saved = []
    for position, code in enumerate(PROCESS_STEPS):
        if code not in steps:
            continue
        row = rows[code]
        _assign(row, {"position": position, **steps[code]})
        row.save()
        saved.append(row)
    event_record(
        kind=InitiativeEvent.STEPS_CHANGED,
        subject=None,
        actor=actor,
        data={
            "used": [row.code for row in saved if row.used],
            "changed": [
                row.code for row in saved if before.get(row.code) != (row.used, row.name_sv)
            ],
        },
        public=False,
    )
    return saved
