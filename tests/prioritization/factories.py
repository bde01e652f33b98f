from decimal import Decimal

import factory

from prioritization.models import (
    DataPoint,
    FocusArea,
    Indicator,
    Intervention,
    Need,
    Outcome,
    PrioritisationRound,
    Score,
    TargetGroup,
)
from tests.factories import OrganisationFactory


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_sv = factory.Sequence(lambda n: f"Fokusområde {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_sv = factory.Sequence(lambda n: f"Målgrupp {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"indicator-{n}")
    name_sv = factory.Sequence(lambda n: f"Indikator {n}")
    focus_area = factory.SubFactory(FocusAreaFactory)
    unit = "%"
    source = "SCB"


class DataPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataPoint

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.Sequence(lambda n: str(2000 + n))
    value = Decimal("50")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title_sv = factory.Sequence(lambda n: f"Behov {n}")
    focus_area = factory.SubFactory(FocusAreaFactory)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioritisationRound
        skip_postgeneration_save = True

    title_sv = factory.Sequence(lambda n: f"Runda {n}")

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    round = factory.SubFactory(RoundFactory)
    need = factory.SubFactory(NeedFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    urgency = 3
    capacity = 3


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    need = factory.SubFactory(NeedFactory)
    title_sv = factory.Sequence(lambda n: f"Utfall {n}")


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    outcome = factory.SubFactory(OutcomeFactory)
    title_sv = factory.Sequence(lambda n: f"Insats {n}")
    evidence_strength = "moderate"
