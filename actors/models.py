import uuid

from django.conf import settings as django_settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .appendonly import AppendOnly
from .choices import GovernanceKind, MailStatus, MembershipRole, OrganisationKind, PortalRole
from .fields import TEXT, ColourField, LabelField
from .i18n import Translated, TranslationsField, fingerprint, swedish_label, swedish_text
from .look import DEFAULT_LOOK, Look


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address; what they may do comes from their roles."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # Kept by the notifications app in the transaction that makes or reads a notification, so the
    # header shows the count from the row the login already loads, without a query of its own.
    unread_notifications = models.PositiveIntegerField(_("unread notifications"), default=0)
    # The language the person last chose in the portal; their mails speak it. One of
    # settings.LANGUAGES, checked where it is chosen, so a language added later needs no migration.
    language = models.CharField(_("language"), max_length=8, default="sv")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email


def default_languages() -> list[str]:
    return ["sv", "en"]


def logo_path(instance, filename):
    # Never a name the uploader chose: the file is re-encoded and stored under a random name.
    return f"logos/{uuid.uuid4().hex}.png"


class SiteSettings(models.Model):
    """The collaboration this portal serves: its names and area are data, not code."""

    CACHE_KEY = "actors:site-settings"

    name_sv = swedish_label(_("Name of the collaboration"), 120)
    short_name = LabelField(_("short name"), max_length=30)
    area = LabelField(
        _("area"),
        max_length=80,
        help_text=_("Where the collaboration works: a district, a town or a city."),
    )
    # Not every collaboration has a residents' council: Malmö's IoU65+ has a reference group.
    council_name = LabelField(
        _("name of the council or reference group"),
        max_length=80,
        help_text=_(
            "The residents' own group that is consulted before decisions, such as a residents' "
            "council or a reference group."
        ),
    )
    tagline_sv = swedish_label(_("Tagline"), 200, required=False)
    mission_sv = swedish_text(_("Mission"), max_length=TEXT)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    step_limit_days = models.PositiveSmallIntegerField(
        _("days an initiative may stand at one step"),
        default=120,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("The lead organisation is reminded weekly once an initiative stands longer."),
    )
    follow_up_every_days = models.PositiveSmallIntegerField(
        _("days between follow-up reports"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("How often an initiative being carried out reports how it goes."),
    )
    # Codes from settings.LANGUAGES; Swedish is offered whatever the list says.
    languages = models.JSONField(_("languages offered"), default=default_languages)
    # False until an administrator saves the set-up page (or a demo is loaded): the portal then
    # asks the administrator to set the collaboration up.
    set_up = models.BooleanField(_("set up"), default=False, editable=False)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    primary_colour = ColourField(
        _("primary colour"),
        default=DEFAULT_LOOK.primary,
        help_text=_("Buttons, links and the header's accents."),
    )
    button_text_colour = ColourField(_("text on buttons"), default=DEFAULT_LOOK.button_text)
    header_background = ColourField(_("header background"), default=DEFAULT_LOOK.header_background)
    header_text_colour = ColourField(_("text in the header"), default=DEFAULT_LOOK.header_text)

    translations = TranslationsField()
    name = Translated()
    tagline = Translated()
    mission = Translated()

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return self.name_sv

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def current(cls) -> "SiteSettings":
        """The one row of settings, cached; unsaved defaults until someone fills them in."""
        settings = cache.get(cls.CACHE_KEY)
        if settings is None:
            settings = cls.objects.filter(pk=1).first() or cls(
                pk=1, name_sv="Collective Impact", short_name="CI", area="", council_name=""
            )
            cache.set(cls.CACHE_KEY, settings, 300)
        return settings

    @property
    def look(self) -> Look:
        return Look(
            self.primary_colour,
            self.button_text_colour,
            self.header_background,
            self.header_text_colour,
        )

    @property
    def look_version(self) -> str:
        """Changes whenever the look does, so that browsers may keep its stylesheet and logo for
        good under an address that holds it."""
        return fingerprint(f"{self.look}{self.logo.name}")

    @property
    def offered_languages(self) -> list[str]:
        """The languages this collaboration offers, in the order of settings.LANGUAGES: Swedish
        always, and never one the portal has no catalogue for (any more)."""
        chosen = set(self.languages or ()) | {django_settings.LANGUAGE_CODE}
        return [code for code, _name in django_settings.LANGUAGES if code in chosen]


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Organisation(models.Model):
    """A local actor taking part in the collaboration: an association, club, school, NGO…"""

    name = LabelField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    joined = models.DateField(_("joined"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    translations = TranslationsField()
    description = Translated()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:organisation_detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A person acting for an organisation, with the role they hold there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.CONTACT
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class RoleAssignment(models.Model):
    """A portal role (coordinator, treasurer, evaluator) given to a person."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=PortalRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_role_per_user")]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class District(models.Model):
    """A district (stadsdel) the collaboration covers. Needs, initiatives, workshops, focus groups
    and networks belong to one, or, with none, to the whole collaboration; a collaboration of one
    district (Husby) has one row and its pages never ask which."""

    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_sv = swedish_label(_("Name"), 120)
    description_sv = swedish_text(_("Description"), max_length=TEXT)

    translations = TranslationsField()
    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name_sv


class Principle(models.Model):
    """A principle of the manifest that the actors agreed on."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_sv = swedish_label(_("Title"))
    body_sv = swedish_text(_("Text"), max_length=TEXT)

    translations = TranslationsField()
    title = Translated()
    body = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("manifest principle")
        verbose_name_plural = _("manifest principles")

    def __str__(self):
        return self.title_sv


class Goal(models.Model):
    """A goal the collaboration sets itself as part of its mission."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_sv = swedish_label(_("Goal"))
    body_sv = swedish_text(_("Text"), max_length=TEXT)

    translations = TranslationsField()
    title = Translated()
    body = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title_sv


class GovernanceBody(models.Model):
    """A part of the collaboration's structure: the residents' council, steering group, …"""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=GovernanceKind.choices)
    name_sv = swedish_label(_("Name"), 120)
    role_sv = swedish_text(_("Mandate and role"), max_length=TEXT)
    meets_sv = swedish_label(_("Meets"), 120, required=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="governance_bodies",
    )

    translations = TranslationsField()
    name = Translated()
    role = Translated()
    meets = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")

    def __str__(self):
        return self.name_sv


class OutgoingMail(models.Model):
    """A mail the portal owes someone, rendered when it was asked for and sent by a task after
    the transaction that asked for it has committed. A mail server or broker that is down leaves
    it waiting here; the periodic sweep sends it once they are back, with the same Message-ID."""

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # Files the mail carries, each {"filename", "content_type", "content"}: text files only (a
    # calendar's event), kept as text so that the row stays readable in the admin.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    # While SENDING: the task that claimed the mail, and until when it may; the sweep gives back
    # a mail whose task died holding it, and a task that is handed out again takes back its own.
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    lease_task = models.CharField(_("claimed by task"), max_length=155, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoingmail_due")]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"


def current_collaboration() -> int:
    """The collaboration a new event belongs to: today the one row of site settings, saved with
    its defaults if nobody has filled them in yet, so that the event can point at it."""
    site = SiteSettings.current()
    if site._state.adding:
        SiteSettings.objects.bulk_create([site], ignore_conflicts=True)
        cache.delete(SiteSettings.CACHE_KEY)
    return site.pk


class Event(AppendOnly):
    """One thing that happened in the collaboration, written by the service that made it happen,
    in the same transaction, and never changed (see `actors.events`).

    Who did it (nobody for a resident or a periodic job), when, what (`kind`, a stable name such
    as "initiatives.moved"), on which object, in which collaboration, whether the public may read
    it, and in `data` what a reader needs to tell it without loading the object: titles in both
    languages, steps, amounts, the keys of the pages it links to.
    """

    kind = models.CharField(_("what"), max_length=60)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        User, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of object"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField(_("object"), null=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    collaboration = models.ForeignKey(
        SiteSettings,
        verbose_name=_("collaboration"),
        on_delete=models.PROTECT,
        default=current_collaboration,
        related_name="events",
    )
    public = models.BooleanField(_("public"))
    data = models.JSONField(_("data"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(
                fields=["-at", "-id"], condition=Q(public=True), name="event_public_latest"
            ),
            models.Index(fields=["kind", "at"], name="event_kind_at"),
            models.Index(fields=["subject_type", "subject_id", "at"], name="event_subject_at"),
        ]

    def __str__(self):
        return f"{self.kind} ({self.at:%Y-%m-%d %H:%M})"


class EventCursor(models.Model):
    """How far one reader has read the event stream (`actors.eventstream`): one row per reader,
    locked by the run that moves it on.

    `gaps` keeps the ids below `last_event_id` not yet seen, with when they were first missed:
    an event whose transaction began earlier may commit after a later one, and is read when it
    does; an id still missing after a while belonged to a transaction that rolled back.
    """

    last_event_id = models.PositiveBigIntegerField(default=0)
    gaps = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.last_event_id)
