"""An initiative's budget never goes below what the fund has already allocated to it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.choices import EntryKind as K
from initiatives.choices import InitiativeStep as S
from initiatives.forms import InitiativeForm
from initiatives.models import Initiative
from initiatives.services import BudgetError, initiative_save
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import InitiativeFactory, NeedFactory, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(organisation, treasurer):
    """An initiative at the funding step holding 10,000 SEK of its 12,000 budget."""
    need = NeedFactory()
    initiative = InitiativeFactory(
        lead_organisation=organisation,
        step=S.FUNDING,
        focus_area=need.focus_area,
        budget=Decimal("12000.00"),
    )
    initiative.needs.add(need)
    grant = make_grant(treasurer, "20000.00", received="20000.00")
    book(treasurer, K.ALLOCATION, grant, "10000.00", initiative)
    initiative.grant = grant
    return initiative


def edit(initiative, user, budget):
    data = proposal_data(initiative.lead_organisation, initiative.needs.get(), budget=budget)
    form = InitiativeForm(data, instance=initiative, user=user)
    assert form.is_valid(), form.errors
    return initiative_save(initiative=initiative, data=form.cleaned_data, actor=user)


def stored_budget(initiative) -> Decimal:
    return Initiative.objects.get(pk=initiative.pk).budget


def test_the_budget_cannot_go_below_what_is_allocated(funded, coordinator):
    with pytest.raises(BudgetError) as raised:
        edit(funded, coordinator, "1.00")
    [message] = raised.value.message_dict["budget"]
    assert message.startswith("Fonden har redan fördelat 10\xa0000,00 kr till satsningen")
    assert stored_budget(funded) == Decimal("12000.00")


def test_the_budget_may_come_down_to_what_is_allocated(funded, coordinator):
    edit(funded, coordinator, "10000.00")
    assert stored_budget(funded) == Decimal("10000.00")


def test_money_returned_to_the_pool_no_longer_holds_the_budget_up(funded, coordinator, treasurer):
    book(treasurer, K.RETURN, funded.grant, "4000.00", funded)
    edit(funded, coordinator, "6000.00")
    assert stored_budget(funded) == Decimal("6000.00")


def test_a_lead_member_lowering_the_budget_gets_the_form_back_with_the_reason(
    client, member, funded
):
    client.force_login(member)
    response = client.post(
        reverse("initiatives:initiative_edit", args=[funded.pk]),
        proposal_data(funded.lead_organisation, funded.needs.get(), budget="1.00"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["budget"] == [
        "Fonden har redan fördelat 10\xa0000,00 kr till satsningen: budgeten kan inte vara lägre. "
        "Behövs inte pengarna bokför en kassör först en återföring."
    ]
    assert "budgeten kan inte vara lägre" in response.text
    assert stored_budget(funded) == Decimal("12000.00")


def test_the_admin_leaves_a_saved_initiatives_budget_to_its_page(client, admin_user, funded):
    client.force_login(admin_user)
    change = client.get(reverse("admin:initiatives_initiative_change", args=[funded.pk]))
    add = client.get(reverse("admin:initiatives_initiative_add"))
    assert 'name="budget"' not in change.text
    assert 'name="budget"' in add.text
