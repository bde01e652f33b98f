"""The six-step process as data: every allowed move, who may make it, and the rule it must pass.

A guard returns None when the initiative may move, or a sentence saying what is missing.
Only `services.initiative_advance` reads this table; views ask `available_transitions` to know
which buttons to show.

A collaboration may leave steps out (`models.ProcessStep.used`): the move forward from a step
then goes on to the next step it uses, under the rule and the people of the move out of the step
it leaves. The rules for leaving the steps skipped are skipped with them: without the funding
step, nothing asks for money before the work starts.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from actors.choices import PortalRole
from actors.permissions import has_role, is_member_of

from .choices import PROCESS_STEPS, InitiativeStep
from .models import Initiative, step_name, used_steps

Step = InitiativeStep
Guard = Callable[[Initiative], str | None]


def coordinator(user, initiative) -> bool:
    return has_role(user, PortalRole.COORDINATOR)


def lead_or_coordinator(user, initiative) -> bool:
    return coordinator(user, initiative) or is_member_of(user, initiative.lead_organisation_id)


def treasurer_or_coordinator(user, initiative) -> bool:
    return has_role(user, PortalRole.TREASURER, PortalRole.COORDINATOR)


def evaluator_or_coordinator(user, initiative) -> bool:
    return has_role(user, PortalRole.EVALUATOR, PortalRole.COORDINATOR)


def has_needs(initiative: Initiative) -> str | None:
    if not initiative.needs.exists():
        return _("Link at least one need that the proposal answers.")
    return None


def anchored_with_residents(initiative: Initiative) -> str | None:
    if initiative.insights.exists() or initiative.consultations.filter(status="answered").exists():
        return None
    return _(
        "The proposal is not anchored with residents yet: link at least one focus-group insight "
        "or an answered consultation of the residents' council."
    )


def has_decision(initiative: Initiative) -> str | None:
    if not hasattr(initiative, "decision"):
        return _(
            "Record the decision first: where and when it was taken, by whom, on which conditions."
        )
    return None


def no_fund_set_up(initiative: Initiative) -> str | None:
    """Used only when no fund has registered its check: nothing can tell the budget is covered."""
    return _("No fund is set up to tell whether the budget is covered.")


_funding_check: list[Guard] = [no_fund_set_up]


def register_funding_check(check: Guard) -> None:
    """Let the funding app decide whether committed money covers an initiative's budget."""
    _funding_check[:] = [check]


def funding_covers_budget(initiative: Initiative) -> str | None:
    return _funding_check[0](initiative)


def has_follow_up(initiative: Initiative) -> str | None:
    if not initiative.follow_ups.exists():
        return _("Report at least one follow-up before the initiative is evaluated.")
    return None


def has_evaluation(initiative: Initiative) -> str | None:
    if not hasattr(initiative, "evaluation"):
        return _("Record the evaluation before the initiative is completed.")
    return None


def parked_here(target: str) -> Guard:
    def guard(initiative: Initiative) -> str | None:
        if initiative.parked_from != target:
            return _("A parked initiative goes back to the step it was parked from.")
        return None

    return guard


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    allowed: Callable
    guard: Guard | None = None
    overridable: bool = False  # a coordinator may pass the guard with a written reason
    needs_reason: bool = False  # side exits say why

    @property
    def target_label(self) -> str:
        return step_name(self.target)


ACTIVE = PROCESS_STEPS
TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t
    for t in [
        Transition(Step.NEEDS, Step.PROPOSAL, lead_or_coordinator, has_needs),
        Transition(
            Step.PROPOSAL, Step.DECISION, coordinator, anchored_with_residents, overridable=True
        ),
        Transition(Step.DECISION, Step.FUNDING, coordinator, has_decision),
        Transition(Step.FUNDING, Step.EXECUTION, treasurer_or_coordinator, funding_covers_budget),
        Transition(Step.EXECUTION, Step.EVALUATION, lead_or_coordinator, has_follow_up),
        Transition(Step.EVALUATION, Step.COMPLETED, evaluator_or_coordinator, has_evaluation),
        *[Transition(s, Step.PARKED, coordinator, needs_reason=True) for s in ACTIVE],
        *[Transition(s, Step.WITHDRAWN, lead_or_coordinator, needs_reason=True) for s in ACTIVE],
        *[
            Transition(s, Step.REJECTED, coordinator, needs_reason=True)
            for s in (Step.PROPOSAL, Step.DECISION, Step.FUNDING)
        ],
        *[Transition(Step.PARKED, s, coordinator, parked_here(s)) for s in ACTIVE],
    ]
}


# Each step of the process followed by the one the table moves it forward to.
FORWARD = dict(zip(ACTIVE, (*ACTIVE[1:], Step.COMPLETED), strict=True))


def moves_from(source: str) -> list[Transition]:
    """The moves out of `source` in table order, as the collaboration's steps make them: the move
    forward reaches the next step used, and no move ends at a step not used."""
    used = used_steps()
    moves = []
    for (start, target), transition in TRANSITIONS.items():
        if start != source:
            continue
        if FORWARD.get(source) == target:
            following = ACTIVE[ACTIVE.index(source) + 1 :]
            target = next((step for step in following if step in used), Step.COMPLETED)
            transition = replace(transition, target=target)
        elif target in ACTIVE and target not in used:
            continue
        moves.append(transition)
    return moves


def forward_from(source: str) -> Transition:
    """The move forward from a step of the process, to the next step the collaboration uses
    (the table lists each step's move forward before its side exits)."""
    return moves_from(source)[0]


def transition_for(source: str, target: str) -> Transition | None:
    return next((move for move in moves_from(source) if move.target == target), None)


def available_transitions(user, initiative: Initiative) -> list[Transition]:
    """The moves this user may try from where the initiative stands, in table order."""
    return [
        transition
        for transition in moves_from(initiative.step)
        if transition.allowed(user, initiative)
        and (initiative.step != Step.PARKED or transition.guard(initiative) is None)
    ]
