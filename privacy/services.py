"""Writes for the data subject's rights and the keeping times: deleting an account, forgetting
what is kept past its time, and reports of accessibility barriers.

Deleting an account (`account_delete`) forgets the person and keeps the work. Every ForeignKey
from the portal's records to the user is SET_NULL (created_by, author, published_by, the actor of
an event or of a step in the process, who booked a ledger entry): the rows stay and show no
author, and what a person wrote for their organisation is attributed to that organisation
through the row's own link to it (a comment's or a theme's organisation, an initiative's lead
organisation). Nulling is chosen over a stand-in "deleted user" account because a stand-in would
still be a login to guard, and would join the work of unrelated people into one false author.
Rows that exist only for the person go with the account: memberships, portal roles,
notifications and their preferences and digests, e-mail addresses and second factors. What
reached the portal at the account's address without the account goes too: the address of a
newsletter subscription, of follows and of ideas sent, and the mails still owed to it.

What is kept, and for how long, is written in the privacy notice (templates/privacy/notice.html);
`retention_apply` holds the portal to it.
"""

import datetime

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors import ratelimit
from actors.choices import PortalRole
from actors.events import event_record
from actors.mail import mail_send_template
from actors.models import OutgoingMail, RoleAssignment, SiteSettings, User
from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea
from newsletter.choices import SubscriberStatus
from newsletter.models import Follower, Subscriber, email_hash

from .choices import PrivacyEvent

HOUR = 3600
# A password typed wrong a few times is a slip; more is someone guessing from an open session.
DELETE_ATTEMPTS = ratelimit.Limit("account-delete", limit=5, window=HOUR)
# A person meeting one barrier after another on a visit reports each; a script is stopped long
# before the coordinators' inbox suffers.
BARRIERS_PER_CONNECTION = ratelimit.Limit("barrier-connection", limit=10, window=HOUR)
# How long an unconfirmed idea, sign-up or follow waits for its confirmation before it is deleted.
UNCONFIRMED_KEPT = datetime.timedelta(days=7)


class DeletionRefused(ValidationError):
    """The account cannot be deleted now: who it is, or what it holds, says no."""


def account_deletion_blocked(*, user: User) -> str | None:
    """Why the person cannot leave yet, or None: they are the last administrator, or the last
    coordinator (administrators coordinate too), and the portal would have nobody to run it.
    The account's page says so before asking for the password."""
    others = User.objects.filter(is_active=True).exclude(pk=user.pk)
    if user.is_superuser and not others.filter(is_superuser=True).exists():
        return _(
            "You are the portal's last administrator. Make someone else an administrator first."
        )
    coordinates = RoleAssignment.objects.filter(user=user, role=PortalRole.COORDINATOR).exists()
    if (
        coordinates
        and not others.filter(
            Q(is_superuser=True) | Q(role_assignments__role=PortalRole.COORDINATOR)
        ).exists()
    ):
        return _("You are the last coordinator. Give the coordinator role to someone else first.")
    return None


@transaction.atomic
def account_delete(*, user: User, password: str) -> None:
    """Delete the person's account at their own request, after they typed their password again.

    Refused, changing nothing, when the password is wrong (and after a few wrong ones for an
    hour), when the account is already gone or closed, or when it is the last one that can run
    the portal. One event records the deletion by the account's number, its organisations and
    roles, without a name or an address.
    """
    user = User.objects.select_for_update().filter(pk=user.pk, is_active=True).first()
    if user is None:
        raise DeletionRefused(_("This account no longer exists."), code="gone")
    key = str(user.pk)
    if ratelimit.first_reached((DELETE_ATTEMPTS, key)):
        raise DeletionRefused(
            _("Too many wrong passwords. Please try again in an hour."), code="rate_limited"
        )
    if not check_password(password, user.password):
        ratelimit.allow(DELETE_ATTEMPTS, key)
        raise ValidationError({"password": _("The password is not right.")}, code="password")
    _forget_account(user, actor=None)


@transaction.atomic
def account_remove(*, user: User, actor: User) -> None:
    """Delete a person's account at their request made another way (a letter, a call), by an
    administrator in the admin: the same forgetting as `account_delete`, recorded with who did
    it. Refused, changing nothing, for an account already gone or the last that can run the
    portal."""
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        raise DeletionRefused(_("This account no longer exists."), code="gone")
    _forget_account(user, actor=actor if actor.pk != user.pk else None)


def _forget_account(user: User, *, actor: User | None) -> None:
    refusal = account_deletion_blocked(user=user)
    if refusal:
        raise DeletionRefused(refusal, code="last_holder")
    address = user.email.lower()
    event_record(
        kind=PrivacyEvent.ACCOUNT_DELETED,
        subject=None,
        actor=actor,
        data={
            "user": user.pk,
            "organisations": sorted(user.memberships.values_list("organisation_id", flat=True)),
            "roles": sorted(user.role_assignments.values_list("role", flat=True)),
            "administrator": user.is_superuser,
        },
        public=False,
    )
    _forget_address(address)
    user.delete()


def _forget_address(address: str) -> None:
    """What came in at the address without the account: the newsletter, follows, ideas, mails."""
    hashed = email_hash(address)
    _unsubscribe(Subscriber.objects.filter(email_hash=hashed))
    _stop_following(Follower.objects.filter(email_hash=hashed))
    Idea.objects.filter(email=address).update(email="")
    OutgoingMail.objects.filter(recipient__iexact=address).delete()


def _unsubscribe(subscribers) -> int:
    """As the newsletter's unsubscribe link does, for many at once: the address and name go and
    the hash stays, so that no later edition can reach the address."""
    subscribers = subscribers.exclude(status=SubscriberStatus.UNSUBSCRIBED, email="")
    Subscriber.interests.through.objects.filter(subscriber__in=subscribers).delete()
    return subscribers.update(
        status=SubscriberStatus.UNSUBSCRIBED,
        email="",
        name="",
        all_interests=False,
        confirmation_due=False,
        unsubscribed_at=timezone.now(),
    )


def _stop_following(followers) -> int:
    """As a follower's stop link does: the address goes, the hash stays."""
    return followers.exclude(status=SubscriberStatus.UNSUBSCRIBED, email="").update(
        status=SubscriberStatus.UNSUBSCRIBED, email=""
    )


@transaction.atomic
def retention_apply(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete or forget what is kept past its time; run each night by celery beat. Idempotent:
    a second run finds nothing left to do and records nothing.

    - An idea whose sender never confirmed it, a newsletter sign-up or a follow never confirmed,
      are deleted seven days after they were last asked for. One that had been confirmed before
      (and signed up again) keeps its row for the editions and tellings it received, without the
      address.
    - An idea's address is kept while the sender may still be told something: until the idea is
      answered, and after that while the sender follows a need it became part of. A kept idea
      may still be taken up, so it keeps its address.
    """
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT
    counts = {
        "ideas": _delete(Idea.objects.filter(status=IdeaStatus.UNCONFIRMED, created__lt=cutoff)),
        "subscribers": _expire(
            Subscriber.objects.filter(status=SubscriberStatus.PENDING),
            _asked_before(cutoff, "confirmation_requested_at", "signed_up_at"),
            "consented_at",
            _unsubscribe,
        ),
        "followers": _expire(
            Follower.objects.filter(status=SubscriberStatus.PENDING),
            _asked_before(cutoff, "asked_at", "created_at"),
            "confirmed_at",
            _stop_following,
        ),
        "idea_addresses": _forget_idea_addresses(),
    }
    if any(counts.values()):
        event_record(kind=PrivacyEvent.RETENTION_APPLIED, subject=None, data=counts, public=False)
    return counts


def _delete(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def _asked_before(cutoff, asked: str, created: str) -> Q:
    """Last asked for (or, never asked, created) before `cutoff`."""
    return Q(**{f"{asked}__lt": cutoff}) | Q(**{f"{asked}__isnull": True, f"{created}__lt": cutoff})


def _expire(pending, asked_before: Q, confirmed_field: str, forget) -> int:
    """Unconfirmed rows last asked for too long ago: deleted if never confirmed, else forgotten
    with `forget`."""
    expired = pending.filter(asked_before)
    never = _delete(expired.filter(**{f"{confirmed_field}__isnull": True}))
    return never + forget(expired.filter(**{f"{confirmed_field}__isnull": False}))


def _forget_idea_addresses() -> int:
    following = Follower.objects.filter(idea_id=OuterRef("pk"))
    taken_up = Idea.needs.through.objects.filter(idea_id=OuterRef("pk"))
    still_told = Exists(following.exclude(email="")) | (
        Q(tell_me_what_became=True)
        & Q(status=IdeaStatus.ACCEPTED)
        & Exists(taken_up)
        & ~Exists(following)
    )
    answered = Idea.objects.filter(status__in=[IdeaStatus.ACCEPTED, IdeaStatus.DECLINED])
    return answered.exclude(email="").exclude(still_told).update(email="")


class TooManyReports(ValidationError):
    def __init__(self):
        super().__init__(
            _("Too many reports from your connection just now. Please try again in an hour."),
            code="rate_limited",
        )


def barrier_limit_check(*, address: str) -> None:
    """Raise TooManyReports when the connection has used up its hour, counting nothing."""
    if ratelimit.first_reached((BARRIERS_PER_CONNECTION, address)):
        raise TooManyReports()


def _barrier_recipients() -> list[tuple[str, str]]:
    """The collaboration's contact address, which the accessibility statement names, in the
    portal's first language; without one, each coordinator in their own."""
    site = SiteSettings.current()
    if site.contact_email:
        return [(site.contact_email, "sv")]
    coordinators = User.objects.filter(
        is_active=True, role_assignments__role=PortalRole.COORDINATOR
    ).order_by("pk")
    return list(coordinators.values_list("email", "language"))


@transaction.atomic
def barrier_report(*, page: str, description: str, email: str, address: str = "") -> None:
    """Pass a visitor's report of an accessibility barrier to the coordinators by mail.

    Sent from `address` (the client's connection), the report counts against the hourly limit.
    The mail carries the reporter's address, if they gave one, for the answer the law asks for;
    the event carries only the page, since the description may name the reporter.
    """
    if address:
        barrier_limit_check(address=address)
        if not ratelimit.allow(BARRIERS_PER_CONNECTION, address):
            raise TooManyReports()
    for recipient, language in _barrier_recipients():
        mail_send_template(
            "barrier-report",
            to=recipient,
            language=language,
            context={"page": page, "description": description, "email": email},
        )
    event_record(
        kind=PrivacyEvent.BARRIER_REPORTED, subject=None, data={"page": page}, public=False
    )
