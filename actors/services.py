"""Writes for the actors app: one function per domain action, each in a transaction."""

from django.db import transaction
from django.utils.text import slugify

from .models import Membership, Organisation, SiteSettings


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_save(*, organisation: Organisation, logo=None, remove_logo: bool = False):
    """Create or update an organisation; a new logo replaces the old file, which is removed."""
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name)
    old_logo = None
    if organisation.pk:
        old_logo = Organisation.objects.select_for_update().get(pk=organisation.pk).logo
    if remove_logo or logo is not None:
        organisation.logo = None
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    organisation.save()
    if old_logo and old_logo.name != organisation.logo.name:
        storage, name = old_logo.storage, old_logo.name
        transaction.on_commit(lambda: storage.delete(name))
    return organisation


@transaction.atomic
def membership_add(*, organisation: Organisation, user, role: str) -> Membership:
    """Let a person act for an organisation; adding them twice updates their role."""
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    membership.delete()


@transaction.atomic
def charter_save(*, site: SiteSettings, formsets) -> None:
    """Save the mission and every charter formset together: all of it or nothing."""
    site.save()
    for formset in formsets:
        formset.save()


@transaction.atomic
def site_settings_save(*, site: SiteSettings) -> SiteSettings:
    site.save()
    return site
