"""Writes for the actors app: one function per domain action, each in a transaction that also
records its event (`actors.events`)."""

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from .choices import ActorsEvent
from .events import event_record
from .i18n import in_every_language
from .models import District, Membership, Organisation, SiteSettings, User


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    taken = Organisation.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _logo_replace(instance, *, logo, remove_logo: bool) -> None:
    """Put a new, re-encoded logo on an organisation or the collaboration, or take it off, before
    the caller saves it; the old file is removed once the transaction that saves it commits."""
    stored = None
    if instance.pk is not None:
        stored = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
    if remove_logo or logo is not None:
        instance.logo = None
    if logo is not None:
        instance.logo.save(logo.name, logo, save=False)
    if stored and stored.logo and stored.logo.name != instance.logo.name:
        storage, name = stored.logo.storage, stored.logo.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def organisation_save(
    *, organisation: Organisation, logo=None, remove_logo: bool = False, actor=None
):
    """Create or update an organisation; a new logo replaces the old file, which is removed."""
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name)
    created = organisation.pk is None
    _logo_replace(organisation, logo=logo, remove_logo=remove_logo)
    organisation.save()
    event_record(
        kind=ActorsEvent.ORGANISATION_CREATED if created else ActorsEvent.ORGANISATION_CHANGED,
        subject=organisation,
        actor=actor,
        data={"name": organisation.name, "slug": organisation.slug},
        public=False,
    )
    return organisation


def _membership_data(membership: Membership) -> dict:
    return {
        "organisation": membership.organisation_id,
        "user": membership.user_id,
        "role": membership.role,
    }


@transaction.atomic
def membership_add(*, organisation: Organisation, user, role: str, actor=None) -> Membership:
    """Let a person act for an organisation; adding them twice updates their role."""
    membership, _created = Membership.objects.update_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    event_record(
        kind=ActorsEvent.MEMBER_ADDED,
        subject=organisation,
        actor=actor,
        data=_membership_data(membership),
        public=False,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor=None) -> None:
    event_record(
        kind=ActorsEvent.MEMBER_REMOVED,
        subject=membership.organisation,
        actor=actor,
        data=_membership_data(membership),
        public=False,
    )
    membership.delete()


@transaction.atomic
def charter_save(*, site: SiteSettings, formsets, actor=None) -> None:
    """Save the mission and every charter formset together: all of it or nothing."""
    site.save()
    for formset in formsets:
        formset.save()
    event_record(kind=ActorsEvent.CHARTER_CHANGED, subject=site, actor=actor, public=False)


@transaction.atomic
def site_settings_save(*, site: SiteSettings, actor=None) -> SiteSettings:
    site.save()
    event_record(kind=ActorsEvent.SETTINGS_CHANGED, subject=site, actor=actor, public=False)
    return site


@transaction.atomic
def collaboration_set_up(
    *, site: SiteSettings, section: str, logo=None, remove_logo: bool = False, actor
) -> SiteSettings:
    """Save one section of the set-up page (`actors.setup`). From the first save on, the
    collaboration is set up and the portal stops asking its administrator to do it."""
    _logo_replace(site, logo=logo, remove_logo=remove_logo)
    site.set_up = True
    site.save()
    event_record(
        kind=ActorsEvent.SETTINGS_CHANGED,
        subject=site,
        actor=actor,
        data={"section": section},
        public=False,
    )
    return site


def unique_district_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:55] or "district"
    slug, n = base, 2
    taken = District.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def districts_save(*, districts: list[District], actor=None) -> list[District]:
    """Add and change the collaboration's districts (name, description, address, order), all
    of them or none. A district with no short address gets one made from its name."""
    saved = []
    for district in districts:
        created = district.pk is None
        if not district.slug:
            district.slug = unique_district_slug(district.name_sv, exclude_pk=district.pk)
        district.full_clean()
        district.save()
        event_record(
            kind=ActorsEvent.DISTRICT_ADDED if created else ActorsEvent.DISTRICT_CHANGED,
            subject=district,
            actor=actor,
            data={
                **in_every_language(district, "name"),
                "slug": district.slug,
                "position": district.position,
            },
            public=False,
        )
        saved.append(district)
    return saved


def user_language_set(*, user, language: str) -> None:
    """Keep the portal language a person last chose, which their mails speak. A person's own
    setting, not a change in the collaboration: no event. A language the portal does not offer
    is ignored, so a stale or forged choice never reaches a mail."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    user.language = language
    User.objects.filter(pk=user.pk).update(language=language)
