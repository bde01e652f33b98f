import datetime

import factory

from focusgroups.choices import IdeaStatus
from focusgroups.models import CouncilConsultation, FocusGroup, Idea, Insight
from tests.factories import OrganisationFactory


class FocusGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusGroup

    title_sv = factory.Sequence(lambda n: f"Fokusgrupp {n}")
    held_on = datetime.date(2025, 3, 1)
    host = factory.SubFactory(OrganisationFactory)
    participant_count = 8
    age_band = "16–25"


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    focus_group = factory.SubFactory(FocusGroupFactory)
    text_sv = factory.Sequence(lambda n: f"Något som sades {n}")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilConsultation

    question_sv = factory.Sequence(lambda n: f"Fråga {n} till rådet?")
    asked_on = datetime.date(2025, 5, 6)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idé {n}")
    text = "En bra idé för området."
    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    status = IdeaStatus.AWAITING
