import datetime
from decimal import Decimal

import factory

from focusgroups.models import CouncilConsultation, FocusGroup, Insight
from initiatives.models import FollowUp, Initiative
from prioritization.models import FocusArea, Need, TargetGroup
from tests.factories import OrganisationFactory


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ["slug"]

    slug = "safety"
    name_sv = "Trygghet"


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]

    slug = "young-16-25"
    name_sv = "Unga 16–25 år"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title_sv = factory.Sequence(lambda n: f"Behov {n}")
    focus_area = factory.SubFactory(FocusAreaFactory)
    status = "prioritised"


class FocusGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusGroup

    title_sv = "Unga om trygghet"
    held_on = datetime.date(2025, 3, 1)
    host = factory.SubFactory(OrganisationFactory)
    participant_count = 8


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    focus_group = factory.SubFactory(FocusGroupFactory)
    text_sv = "Vi vill ha någonstans att vara på kvällen."


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilConsultation

    question_sv = "Ska vi satsa på kvällsöppet?"
    asked_on = datetime.date(2025, 4, 1)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title_sv = factory.Sequence(lambda n: f"Satsning {n}")
    summary_sv = "En satsning för unga."
    focus_area = factory.SubFactory(FocusAreaFactory)
    lead_organisation = factory.SubFactory(OrganisationFactory)
    budget = Decimal("100000.00")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)


class FollowUpFactory(factory.django.DjangoModelFactory):
    """A report on the 30 days up to `period_end`."""

    class Meta:
        model = FollowUp

    initiative = factory.SubFactory(InitiativeFactory, step="execution")
    period_end = datetime.date(2026, 3, 31)
    period_start = factory.LazyAttribute(lambda f: f.period_end - datetime.timedelta(days=29))
    activities = 4
    how_well = "Bra"
    better_off = "Ja"
    money_spent = Decimal("1000.00")
    status = "on_track"


def proposal_data(organisation, need, **changes):
    """What a member types into the proposal form."""
    data = {
        "title_sv": "Kvällsfotboll",
        "summary_sv": "Fotboll på fredagar.",
        "focus_area": need.focus_area_id,
        "needs": [need.pk],
        "lead_organisation": organisation.pk,
        "budget": "50000",
        "starts_on": "2026-03-01",
        "ends_on": "2026-12-31",
    }
    return {**data, **changes}
