"""What residents tell the collaboration: focus groups and their insights, consultations of the
residents' council, and ideas sent in through the public site.

This app sits just above actors. Focus areas, target groups and needs live in prioritization,
one floor up; the relations between them are declared there (FocusArea.insights,
TargetGroup.focus_groups, Need.insights, Need.consultations, Need.ideas), so nothing here imports
or migrates against a higher app. Their reverse accessors (`insight.focus_areas`,
`focus_group.target_groups`, `insight.needs`, `consultation.needs`, `idea.needs`) read as usual.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actors.fields import DOCUMENT, NOTE, TEXT, BoundedTextField, LabelField
from actors.i18n import Translated, TranslationsField, swedish_label, swedish_text
from actors.models import Organisation
from networks.models import Network

from .choices import ConsultationStatus, IdeaStatus, InsightKind


class FocusGroup(models.Model):
    """A conversation with a group of residents. Only counts and an age band, never names."""

    title_sv = swedish_label(_("Title"), 160)
    held_on = models.DateField(_("held on"))
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="focus_groups",
    )
    district = models.ForeignKey(
        "actors.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the whole collaboration."),
    )
    facilitator = LabelField(_("facilitator"), max_length=120, blank=True)
    language = LabelField(
        _("language of the conversation"),
        max_length=60,
        blank=True,
        help_text=_("e.g. Swedish, Somali"),
    )
    participant_count = models.PositiveSmallIntegerField(
        _("number of participants"), validators=[MinValueValidator(1)]
    )
    age_band = LabelField(_("age band"), max_length=40, blank=True, help_text=_("e.g. 16–25"))
    questions_sv = swedish_text(_("Questions asked (one per line)"), max_length=TEXT)
    summary_sv = swedish_text(_("Summary"), max_length=DOCUMENT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    title = Translated()
    questions = Translated()
    summary = Translated()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("focus group")
        verbose_name_plural = _("focus groups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(participant_count__gte=1), name="focus_group_has_participants"
            )
        ]

    def __str__(self):
        return f"{self.title_sv} ({self.held_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("focusgroups:focusgroup_detail", args=[self.pk])

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class Insight(models.Model):
    """A statement or quote from residents, as said in a focus group (never who said it)."""

    focus_group = models.ForeignKey(
        FocusGroup, verbose_name=_("focus group"), on_delete=models.CASCADE, related_name="insights"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=InsightKind.choices, default=InsightKind.STATEMENT
    )
    text_sv = swedish_text(_("What was said"), max_length=NOTE, required=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    translations = TranslationsField()
    text = Translated()

    class Meta:
        ordering = ["focus_group", "position", "pk"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def __str__(self):
        return self.text_sv[:80]

    def get_absolute_url(self):
        return f"{self.focus_group.get_absolute_url()}#insight-{self.pk}"


class CouncilConsultation(models.Model):
    """A question put to the residents' council before a decision, and the council's answer.

    A decision elsewhere (a workshop, an initiative) shows it was anchored by pointing here.
    """

    question_sv = swedish_text(_("Question to the council"), max_length=TEXT, required=True)
    asked_on = models.DateField(_("asked on"))
    material = BoundedTextField(
        _("material"), max_length=TEXT, blank=True, help_text=_("What the council was given")
    )
    material_url = models.URLField(_("link to the material"), blank=True)
    answer_sv = swedish_text(_("The council's answer"), max_length=TEXT)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.ASKED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    question = Translated()
    answer = Translated()

    class Meta:
        ordering = ["-asked_on", "-pk"]
        verbose_name = _("council consultation")
        verbose_name_plural = _("council consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("asked_on")),
                name="consultation_answered_after_asked",
            ),
            models.CheckConstraint(
                condition=models.Q(status="asked") | models.Q(answered_on__isnull=False),
                name="consultation_answered_has_date",
            ),
        ]

    def __str__(self):
        return self.question_sv[:80]

    def get_absolute_url(self):
        return reverse("focusgroups:consultation_detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.status == ConsultationStatus.ANSWERED


class Idea(models.Model):
    """An idea or a need a resident sent in through the public site, without an account.

    The e-mail address is kept only to confirm the idea and to tell the sender what became of it;
    it is blanked once nothing more is owed to it (privacy.services.retention_apply).
    """

    title = LabelField(_("title"), max_length=160)
    text = BoundedTextField(_("your idea or need"), max_length=TEXT)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    # Consent, given when sending, to hear of the initiatives that answer the idea; ideas sent
    # before the question was asked have none.
    tell_me_what_became = models.BooleanField(
        _("Yes, e-mail me when an initiative that answers my idea is decided, funded and finished"),
        default=False,
        help_text=_("You can stop these e-mails with one click in each of them."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.UNCONFIRMED
    )
    reply = BoundedTextField(_("reply to the sender"), max_length=TEXT, blank=True)
    # Sent from a network's page: once confirmed, the idea also goes to the network's contact
    # persons. The coordinators moderate it as any other idea.
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
    )
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("resident's idea")
        verbose_name_plural = _("residents' ideas")
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self):
        return self.title

    @property
    def is_confirmed(self) -> bool:
        """Its sender has confirmed the address; the coordinators have it (or have had it)."""
        return self.status != IdeaStatus.UNCONFIRMED
