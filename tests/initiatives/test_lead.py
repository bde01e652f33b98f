"""A member keeps its own organisation as an initiative's lead; a coordinator may hand it over.
The service holds the rule, whoever calls it."""

import pytest
from django.core.exceptions import ValidationError

from initiatives.models import Initiative
from initiatives.services import initiative_save
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _values(initiative, lead):
    return {"title_sv": initiative.title_sv, "budget": initiative.budget, "lead_organisation": lead}


def test_a_member_cannot_hand_the_lead_to_another_organisation(
    member, organisation, other_organisation
):
    initiative = InitiativeFactory(lead_organisation=organisation)
    with pytest.raises(ValidationError) as error:
        initiative_save(
            initiative=initiative, data=_values(initiative, other_organisation), actor=member
        )
    assert "lead_organisation" in error.value.message_dict
    assert Initiative.objects.get().lead_organisation == organisation


def test_a_member_proposes_only_with_its_own_organisation(member, other_organisation):
    proposal = InitiativeFactory.build(lead_organisation=other_organisation)
    with pytest.raises(ValidationError):
        initiative_save(data=_values(proposal, other_organisation), actor=member)
    assert not Initiative.objects.exists()


def test_a_coordinator_hands_the_lead_over(coordinator, organisation, other_organisation):
    initiative = InitiativeFactory(lead_organisation=organisation)
    initiative_save(
        initiative=initiative, data=_values(initiative, other_organisation), actor=coordinator
    )
    assert Initiative.objects.get().lead_organisation == other_organisation
