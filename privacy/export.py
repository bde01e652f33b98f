"""Everything the portal holds about one person, as a ZIP of JSON files (GDPR art. 15 and 20).

The parts, one file each:
- what the account is: the user row, its e-mail addresses and its second factors (their kind and
  dates, never their secrets), memberships and portal roles;
- what the portal told the person and how they want to be told: notifications, preferences,
  digests;
- what they did: the events they are the actor of;
- what they wrote or decided for their organisation: every row of the portal's apps, and of the
  admin's log, that names them in a ForeignKey to the user (created_by, author, published_by…),
  found from the user model's relations, so that a model added later is exported without a
  change here;
- what reached the portal at their login address without the account: newsletter sign-up,
  follows, ideas sent, and mails owed or sent in the last days.

Each part is one query, read in chunks through a cursor and written to the ZIP as it comes, so
the number of queries does not grow with the data and a large export never sits in memory.
"""

import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from actors.models import Event, Membership, OutgoingMail, RoleAssignment, User
from focusgroups.models import Idea
from newsletter.models import Follower, Subscriber, email_hash
from notifications.models import Digest, Notification, Preference

CHUNK_ROWS = 500
FLUSH_BYTES = 64 * 1024
# Fields that are keys to the person's links and sessions, never data about them.
SECRET_FIELDS = {"password", "token_key", "email_hash"}


@dataclass(frozen=True)
class Part:
    """One file of the export: its name and the rows (dicts) it holds for a user."""

    filename: str
    rows: Callable[[User], models.QuerySet]


def _user_rows(user: User) -> models.QuerySet:
    return User.objects.filter(pk=user.pk).values(
        "email", "first_name", "last_name", "language", "date_joined", "last_login", "is_active"
    )


def _address(user: User) -> str:
    return user.email.lower()


# Models whose rows about the person are exported by a part of their own, chosen field by field.
OWN_PARTS = [
    Part("account/account.json", _user_rows),
    Part(
        "account/email_addresses.json",
        lambda user: EmailAddress.objects.filter(user=user).values("email", "verified", "primary"),
    ),
    Part(
        "account/second_factors.json",
        lambda user: Authenticator.objects.filter(user=user).values(
            "type", "created_at", "last_used_at"
        ),
    ),
    Part(
        "account/memberships.json",
        lambda user: Membership.objects.filter(user=user).values(
            "organisation__name", "role", "created"
        ),
    ),
    Part(
        "account/roles.json",
        lambda user: RoleAssignment.objects.filter(user=user).values("role"),
    ),
    Part(
        "notifications/notifications.json",
        lambda user: (
            Notification.objects.filter(recipient=user)
            .order_by("created", "pk")
            .values("kind", "event__kind", "data", "created", "read_at")
        ),
    ),
    Part(
        "notifications/preferences.json",
        lambda user: Preference.objects.filter(user=user).values("kind", "frequency"),
    ),
    Part(
        "notifications/digests.json",
        lambda user: Digest.objects.filter(user=user).order_by("created").values("key", "created"),
    ),
    Part(
        "activity/events.json",
        lambda user: (
            Event.objects.filter(actor=user)
            .order_by("at", "pk")
            .values(
                "kind",
                "at",
                "public",
                "subject_type__app_label",
                "subject_type__model",
                "subject_id",
                "data",
            )
        ),
    ),
    Part(
        "at_your_address/newsletter.json",
        lambda user: Subscriber.objects.filter(email_hash=email_hash(_address(user))).values(
            "email", "name", "language", "status", "signed_up_at", "consented_at", "consent_text"
        ),
    ),
    Part(
        "at_your_address/follows.json",
        lambda user: Follower.objects.filter(email_hash=email_hash(_address(user))).values(
            "initiative_id", "need_id", "status", "created_at", "confirmed_at"
        ),
    ),
    Part(
        "at_your_address/ideas.json",
        lambda user: Idea.objects.filter(email=_address(user)).values(
            "title", "text", "status", "reply", "created", "confirmed_at", "tell_me_what_became"
        ),
    ),
    Part(
        "at_your_address/mails.json",
        lambda user: OutgoingMail.objects.filter(recipient=_address(user)).values(
            "subject", "status", "created_at", "sent_at"
        ),
    ),
]
OWN_MODELS = {
    User,
    EmailAddress,
    Authenticator,
    Membership,
    RoleAssignment,
    Notification,
    Preference,
    Digest,
    Event,
}


def reverse_foreign_keys(model: type[models.Model]) -> list:
    """Every ForeignKey that points at `model`, those without a reverse accessor too."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and field.one_to_many
    ]


def user_links() -> dict[type[models.Model], list[str]]:
    """Every other model that names a user in a ForeignKey, with the names of those fields: the
    portal's apps, and the admin's log of what the person changed there."""
    apps = {*settings.PORTAL_APPS, "admin"}
    links: dict[type[models.Model], list[str]] = {}
    for relation in reverse_foreign_keys(User):
        model = relation.related_model
        # A ManyToMany's own table (groups, permissions) is not something the person did.
        if model in OWN_MODELS or model._meta.auto_created:
            continue
        if model._meta.app_label in apps:
            links.setdefault(model, []).append(relation.field.name)
    return links


def _written_part(model: type[models.Model], fields: list[str]) -> Part:
    # Another person's address on a row the person handled (an idea's sender) is not theirs.
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in SECRET_FIELDS and not isinstance(f, models.EmailField)
    ]

    def rows(user: User) -> models.QuerySet:
        named = Q()
        for name in fields:
            named |= Q(**{name: user})
        return model._default_manager.filter(named).order_by("pk").values(*names)

    return Part(f"written/{model._meta.app_label}/{model._meta.model_name}.json", rows)


def parts() -> list[Part]:
    written = sorted(user_links().items(), key=lambda item: item[0]._meta.label)
    return OWN_PARTS + [_written_part(model, fields) for model, fields in written]


class _Sink:
    """Where the ZIP is written: the bytes wait here until the response takes them."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks, self.size = [], 0
        return data


def _json(row: dict) -> bytes:
    return json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


def export_zip(*, user: User, readme: str) -> Iterator[bytes]:
    """The person's data as a ZIP, in pieces as it is read: `readme` first (what each file is,
    in the person's language), then one JSON array per part."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for part in parts():
            with archive.open(part.filename, "w") as out:
                out.write(b"[")
                for n, row in enumerate(part.rows(user).iterator(chunk_size=CHUNK_ROWS)):
                    out.write((b",\n" if n else b"\n") + _json(row))
                    if sink.size >= FLUSH_BYTES:
                        yield sink.take()
                out.write(b"\n]\n")
            yield sink.take()
    yield sink.take()
