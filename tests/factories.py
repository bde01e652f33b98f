"""Factories for the actors app; other apps keep theirs in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress

from actors.choices import MembershipRole, OrganisationKind
from actors.models import Membership, Organisation, RoleAssignment, User
from actors.translations import translate

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.ASSOCIATION
    description_sv = "En förening i området."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.REPRESENTATIVE


def user_with_role(role: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=role)
    return user


def translated(instance, language: str = "en", **texts: str):
    """The saved instance with its texts translated into `language`."""
    translate(instance, language, **texts)
    instance.save(update_fields=["translations"])
    return instance
