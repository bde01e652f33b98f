"""Initiatives (satsningar) and their way through the six-step process.

An initiative answers prioritised needs and outcomes; it moves from step to step only through
`initiatives.services.initiative_advance`, which checks the transition table in `process.py`
and writes one `InitiativeStepChange` per move. Follow-ups report on it while it runs, and an
evaluation closes it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from actors.appendonly import AppendOnly
from actors.fields import DOCUMENT, NOTE, TEXT, BoundedTextField, LabelField
from actors.i18n import Translated, TranslationsField, swedish_label, swedish_text
from actors.links import object_url
from actors.models import Organisation

from .choices import (
    CLOSED_STEPS,
    PROCESS_STEPS,
    Achievement,
    FollowUpStatus,
    InitiativeStep,
    Recommendation,
    WayOfWorking,
)

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


# What residents may read: everything past the draft stage except withdrawn drafts.
PUBLIC = ~Q(step=InitiativeStep.NEEDS) & ~Q(
    step=InitiativeStep.WITHDRAWN, submitted_at__isnull=True
)


class ProcessStep(models.Model):
    """One of the six steps of the process as the collaboration works it: whether it is used,
    and what the collaboration calls it, in every language it offers.

    The codes and the moves between them are fixed (`process.TRANSITIONS`); a step not used is
    skipped, with its rule, by every move that would pass through it.
    """

    CACHE_KEY = "initiatives:process-steps"

    code = models.CharField(
        _("step"),
        max_length=20,
        unique=True,
        choices=[(step.value, step.label) for step in PROCESS_STEPS],
    )
    position = models.PositiveSmallIntegerField(_("position"))
    used = models.BooleanField(_("used"), default=True)
    name_sv = swedish_label(_("Name"), 60)
    description_sv = swedish_text(_("Description"), max_length=NOTE)

    translations = TranslationsField()
    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("step of the process")
        verbose_name_plural = _("steps of the process")

    def __str__(self):
        return self.name_sv

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @property
    def label(self) -> str:
        """The step's name in the active language; a step not saved yet is named as the portal
        names it."""
        return self.name if self.pk else str(InitiativeStep(self.code).label)

    @classmethod
    def every(cls) -> list["ProcessStep"]:
        """The six steps in order, used or not. A migration saves them; a database emptied since
        (by a test) reads the portal's own names, all used."""
        saved = {step.code: step for step in cls.objects.all()}
        steps = []
        for position, code in enumerate(PROCESS_STEPS):
            if code not in saved:
                with override("sv"):
                    saved[code] = cls(code=code, position=position, name_sv=str(code.label))
            steps.append(saved[code])
        return steps

    @classmethod
    def of_site(cls) -> list["ProcessStep"]:
        """`every` step, cached like the site settings."""
        steps = cache.get(cls.CACHE_KEY)
        if steps is None:
            steps = cls.every()
            cache.set(cls.CACHE_KEY, steps, 300)
        return steps


def used_steps() -> tuple[str, ...]:
    """The codes of the steps the collaboration uses, in order."""
    return tuple(step.code for step in ProcessStep.of_site() if step.used)


def step_name(code: str) -> str:
    """What the collaboration calls a step: its own name for a step of the process, the portal's
    for the end and the side exits."""
    for step in ProcessStep.of_site():
        if step.code == code:
            return step.label
    return str(InitiativeStep(code).label) if code in InitiativeStep.values else code


def step_names() -> dict[str, str]:
    """Every step's name (`step_name`) by code, read once for a page of many."""
    names = {code: str(label) for code, label in InitiativeStep.choices}
    names.update({step.code: step.label for step in ProcessStep.of_site()})
    return names


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(PUBLIC)

    def open(self):
        return self.exclude(step__in=CLOSED_STEPS)


class Initiative(models.Model):
    """A joint effort (satsning) that answers prioritised needs, led by one organisation."""

    title_sv = swedish_label(_("Title"), 200)
    summary_sv = swedish_text(_("Summary"), max_length=TEXT, required=True)
    resident_involvement_sv = swedish_text(_("How residents were involved"), max_length=TEXT)
    focus_area = models.ForeignKey(
        "prioritization.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        related_name="initiatives",
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
    needs = models.ManyToManyField(
        "prioritization.Need", blank=True, related_name="initiatives", verbose_name=_("needs")
    )
    outcomes = models.ManyToManyField(
        "prioritization.Outcome", blank=True, related_name="initiatives", verbose_name=_("outcomes")
    )
    target_groups = models.ManyToManyField(
        "prioritization.TargetGroup",
        blank=True,
        related_name="initiatives",
        verbose_name=_("target groups"),
    )
    insights = models.ManyToManyField(
        "focusgroups.Insight",
        blank=True,
        related_name="initiatives",
        verbose_name=_("what residents said"),
    )
    consultations = models.ManyToManyField(
        "focusgroups.CouncilConsultation",
        blank=True,
        related_name="initiatives",
        verbose_name=_("council consultations"),
    )
    intervention = models.ForeignKey(
        "prioritization.Intervention",
        verbose_name=_("started from the intervention"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    workshop_item = models.ForeignKey(
        "workshops.WorkshopItem",
        verbose_name=_("started from the workshop item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_initiatives",
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_initiatives", verbose_name=_("partners")
    )
    budget = models.DecimalField(_("requested budget (SEK)"), **MONEY)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    step = models.CharField(
        _("step"), max_length=20, choices=InitiativeStep.choices, default=InitiativeStep.NEEDS
    )
    parked_from = models.CharField(
        _("parked from the step"), max_length=20, choices=InitiativeStep.choices, blank=True
    )
    exit_reason = BoundedTextField(_("reason"), max_length=TEXT, blank=True)
    way_of_working = models.CharField(
        _("way of working"),
        max_length=20,
        choices=WayOfWorking.choices,
        default=WayOfWorking.OWN_INITIATIVE,
    )
    enabled_by = LabelField(
        _("enabled by"),
        max_length=200,
        blank=True,
        help_text=_("The network or the actors that support the initiative."),
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner with the mandate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_initiatives",
    )
    responsible_person = LabelField(_("responsible person"), max_length=120, blank=True)
    commissioner = LabelField(
        _("commissioner"),
        max_length=120,
        blank=True,
        help_text=_("Who commissioned the project, e.g. the city's chief executive."),
    )
    responsible_manager = LabelField(
        _("responsible manager"),
        max_length=120,
        blank=True,
        help_text=_("The head of department or company who leads the project."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    translations = TranslationsField()
    title = Translated()
    summary = Translated()
    resident_involvement = Translated()

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="budget_not_negative"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="ends_after_it_starts"
            ),
        ]
        indexes = [models.Index(fields=["step", "-created", "-id"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("initiatives:initiative_detail", self.pk)

    @property
    def step_name(self) -> str:
        return step_name(self.step)

    @property
    def is_closed(self) -> bool:
        return self.step in CLOSED_STEPS

    def tracker(self) -> list[tuple[str, str]]:
        """The steps the collaboration uses, in order, each "done", "current" or "ahead" of this
        initiative."""
        steps = [step for step in ProcessStep.of_site() if step.used]
        codes = [step.code for step in steps]
        position = codes.index(self.step) if self.step in codes else None
        if self.step == InitiativeStep.COMPLETED:
            position = len(codes)
        states = []
        for index, step in enumerate(steps):
            if position is None or index > position:
                states.append((step.label, "ahead"))
            else:
                states.append((step.label, "current" if index == position else "done"))
        return states

    @property
    def is_public(self) -> bool:
        """Mirrors PUBLIC for one initiative already in hand."""
        if self.step == InitiativeStep.NEEDS:
            return False
        return not (self.step == InitiativeStep.WITHDRAWN and self.submitted_at is None)


class InitiativeStepChange(AppendOnly):
    """One move of an initiative from a step to another: who, when, and why. Never changed.

    `at` is the time of the move's event in the stream, so the two always agree.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="log")
    from_step = models.CharField(_("from"), max_length=20, choices=InitiativeStep.choices)
    to_step = models.CharField(_("to"), max_length=20, choices=InitiativeStep.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = BoundedTextField(_("note"), max_length=TEXT, blank=True)
    override_reason = BoundedTextField(
        _("why the rule was overridden"), max_length=TEXT, blank=True
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("step change")
        verbose_name_plural = _("step changes")

    def __str__(self):
        return f"{self.initiative_id}: {self.from_step} -> {self.to_step}"

    @property
    def from_step_name(self) -> str:
        return step_name(self.from_step)

    @property
    def to_step_name(self) -> str:
        return step_name(self.to_step)


class Decision(models.Model):
    """Where, when and by whom an initiative was decided, and on which conditions."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="decision")
    decided_on = models.DateField(_("decided on"))
    workshop = models.ForeignKey(
        "workshops.Workshop",
        verbose_name=_("decided at the workshop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_decisions",
    )
    decided_by = LabelField(
        _("decided by"), max_length=200, help_text=_("e.g. the actors at the workshop")
    )
    conditions_sv = swedish_text(_("Conditions"), max_length=TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    conditions = Translated()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.initiative} ({self.decided_on})"


class FollowUp(models.Model):
    """A report from the lead organisation while the initiative runs (Results-Based Accountability).

    How much did we do, how well did we do it, is anyone better off.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="follow_ups")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    activities = models.PositiveIntegerField(_("activities held"))
    activities_note = BoundedTextField(_("what we did"), max_length=TEXT, blank=True)
    how_well = BoundedTextField(_("how well did we do it?"), max_length=TEXT)
    quality_score = models.PositiveSmallIntegerField(
        _("participants satisfied (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    better_off = BoundedTextField(_("is anyone better off?"), max_length=TEXT)
    money_spent = models.DecimalField(_("money spent in the period (SEK)"), **MONEY)
    obstacles = BoundedTextField(_("obstacles"), max_length=TEXT, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "period_end", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="follow_up_period_in_order",
            ),
            models.CheckConstraint(condition=Q(money_spent__gte=0), name="spent_not_negative"),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.period_start}–{self.period_end}"

    @property
    def participants(self) -> int:
        return sum(reach.participants for reach in self.reach.all())


class FollowUpReach(models.Model):
    """How many participants a follow-up period reached in one target group."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="reach")
    target_group = models.ForeignKey(
        "prioritization.TargetGroup", verbose_name=_("target group"), on_delete=models.PROTECT
    )
    participants = models.PositiveIntegerField(_("participants reached"))

    class Meta:
        ordering = ["target_group__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "target_group"], name="one_reach_per_group"
            )
        ]

    def __str__(self):
        return f"{self.target_group}: {self.participants}"


class FollowUpMeasure(models.Model):
    """A value measured for one of the initiative's outcome indicators in a follow-up period."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="measures")
    outcome_indicator = models.ForeignKey(
        "prioritization.OutcomeIndicator",
        verbose_name=_("outcome indicator"),
        on_delete=models.PROTECT,
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "outcome_indicator"], name="one_measure_per_indicator_period"
            )
        ]

    def __str__(self):
        return f"{self.outcome_indicator}: {self.value}"


class Evaluation(models.Model):
    """The evaluator's judgement of a finished initiative, reported back for learning."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="evaluation"
    )
    method = BoundedTextField(_("method"), max_length=TEXT)
    findings_sv = swedish_text(_("Findings"), max_length=DOCUMENT, required=True)
    lessons_sv = swedish_text(_("Lessons"), max_length=DOCUMENT, required=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    evaluated_at = models.DateTimeField(auto_now=True)

    translations = TranslationsField()
    findings = Translated()
    lessons = Translated()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.initiative} ({self.get_recommendation_display()})"


class OutcomeAchievement(models.Model):
    """How far the initiative reached one of its outcomes, in the evaluator's judgement."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="achievements"
    )
    outcome = models.ForeignKey(
        "prioritization.Outcome", verbose_name=_("outcome"), on_delete=models.PROTECT
    )
    achievement = models.CharField(_("achievement"), max_length=20, choices=Achievement.choices)
    comment = BoundedTextField(_("comment"), max_length=NOTE, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "outcome"], name="one_achievement_per_outcome"
            )
        ]

    def __str__(self):
        return f"{self.outcome}: {self.get_achievement_display()}"
