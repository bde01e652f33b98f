"""Two people moving the same initiative at the same moment, on two PostgreSQL connections."""

import threading

import pytest
from django.db import connection, connections

from initiatives.choices import InitiativeStep as S
from initiatives.models import InitiativeStepChange
from initiatives.services import TransitionError, initiative_advance
from tests.initiatives.factories import InitiativeFactory, InsightFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_only_one_of_two_simultaneous_moves_succeeds(organisation, coordinator):
    assert connection.vendor == "postgresql", "the suite runs on PostgreSQL (see README)"
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    initiative.insights.add(InsightFactory())
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(to_step, note):
        try:
            barrier.wait()
            initiative_advance(
                initiative=initiative,
                to_step=to_step,
                actor=coordinator,
                note=note,
                expected_step=S.PROPOSAL,
            )
            outcomes.append("moved")
        except TransitionError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(S.DECISION, "")),
        threading.Thread(target=attempt, args=(S.PARKED, "Vänta")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes.count("moved") == 1
    refused = next(o for o in outcomes if o != "moved")
    assert "Någon annan flyttade nyss satsningen" in refused
    assert InitiativeStepChange.objects.filter(initiative=initiative).count() == 1
