"""Needs and data: focus areas, target groups, indicators and their data, needs, prioritisation
rounds with the member organisations' scores, outcomes (II) and interventions (III).

Relations to what residents said (focusgroups, one floor down) are declared here, pointing down:
FocusArea.insights, TargetGroup.focus_groups, Need.insights / consultations / ideas.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.fields import NOTE, TEXT, BoundedTextField, LabelField
from actors.i18n import Translated, TranslationsField, swedish_label, swedish_text
from actors.models import Organisation

from .choices import (
    Direction,
    EvidenceStrength,
    InterventionStatus,
    NeedStatus,
    Quadrant,
    RoundStatus,
    Trend,
)

PERIOD_RE = r"^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$"
period_validator = RegexValidator(
    PERIOD_RE,
    _(
        "Write the period as a year (2024), a month (2024-03), a quarter (2024-Q1) "
        "or a half (2024-H1)."
    ),
)
SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class FocusArea(models.Model):
    """One of the areas of health and well-being the collaboration works on."""

    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_sv = swedish_label(_("Name"), 120)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    insights = models.ManyToManyField(
        "focusgroups.Insight", blank=True, related_name="focus_areas", verbose_name=_("insights")
    )

    translations = TranslationsField()
    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("prioritization:focusarea_detail", args=[self.slug])


class TargetGroup(models.Model):
    """A group of residents an effort is meant for, such as young people aged 16–25."""

    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_sv = swedish_label(_("Name"), 120)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    focus_groups = models.ManyToManyField(
        "focusgroups.FocusGroup",
        blank=True,
        related_name="target_groups",
        verbose_name=_("focus groups"),
    )

    translations = TranslationsField()
    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("prioritization:targetgroup_detail", args=[self.slug])


class Indicator(models.Model):
    """A statistic followed over time, such as the share of young people who feel safe outdoors."""

    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    name_sv = swedish_label(_("Name"), 200)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focus area"), on_delete=models.PROTECT, related_name="indicators"
    )
    unit = LabelField(_("unit"), max_length=40, help_text=_("e.g. %, per 1,000 residents"))
    source = LabelField(_("source"), max_length=200)
    source_url = models.URLField(_("link to the source"), blank=True)
    direction = models.CharField(
        _("which direction is better"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.HIGHER,
    )

    translations = TranslationsField()
    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["focus_area__position", "name_sv"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("prioritization:indicator_detail", args=[self.slug])

    def trend(self, first: Decimal, last: Decimal) -> Trend:
        """Whether going from `first` to `last` is better or worse for residents, by the
        indicator's direction."""
        if last == first:
            return Trend.UNCHANGED
        higher = last > first
        return Trend.BETTER if higher == (self.direction == Direction.HIGHER) else Trend.WORSE


class DataPoint(models.Model):
    """One value of an indicator for one period, for everyone or for one target group."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="data_points")
    period = models.CharField(_("period"), max_length=7, validators=[period_validator])
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_points",
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "target_group", "period"]
        verbose_name = _("data point")
        verbose_name_plural = _("data points")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "target_group"],
                name="one_value_per_period_and_group",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.period}: {self.value}"


class Need(models.Model):
    """A need of residents, with the evidence for it: what they said, the numbers, their ideas."""

    title_sv = swedish_label(_("Title"), 200)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focus area"), on_delete=models.PROTECT, related_name="needs"
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
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="needs", verbose_name=_("target groups")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.IDENTIFIED
    )
    insights = models.ManyToManyField(
        "focusgroups.Insight",
        blank=True,
        related_name="needs",
        verbose_name=_("what residents said"),
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="needs", verbose_name=_("indicators")
    )
    ideas = models.ManyToManyField(
        "focusgroups.Idea", blank=True, related_name="needs", verbose_name=_("residents' ideas")
    )
    consultations = models.ManyToManyField(
        "focusgroups.CouncilConsultation",
        blank=True,
        related_name="needs",
        verbose_name=_("council consultations"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    prioritised_at = models.DateTimeField(_("prioritised at"), null=True, blank=True)

    translations = TranslationsField()
    title = Translated()
    description = Translated()

    class Meta:
        ordering = ["focus_area__position", "title_sv"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("prioritization:need_detail", args=[self.pk])


class PrioritisationRound(models.Model):
    """A round in which each member organisation scores a set of needs for urgency and capacity."""

    title_sv = swedish_label(_("Title"), 200)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    needs = models.ManyToManyField(Need, related_name="rounds", verbose_name=_("needs"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closes_on = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_("The last day to score; the coordinator closes the round after it."),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    translations = TranslationsField()
    title = Translated()
    description = Translated()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("prioritization:round_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        """Still open after its closing date."""
        return self.is_open and self.closes_on is not None and self.closes_on < timezone.localdate()


class Score(models.Model):
    """One organisation's view of one need in one round: urgency and its own capacity, 1–5."""

    round = models.ForeignKey(PrioritisationRound, on_delete=models.CASCADE, related_name="scores")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="scores")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="scores")
    urgency = models.PositiveSmallIntegerField(_("urgency"), validators=SCORE)
    capacity = models.PositiveSmallIntegerField(_("our capacity to meet it"), validators=SCORE)
    contribution = BoundedTextField(_("what we could contribute"), blank=True, max_length=NOTE)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "need", "organisation__name"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "need", "organisation"], name="one_score_per_org_need_round"
            ),
            models.CheckConstraint(
                condition=models.Q(urgency__gte=1, urgency__lte=5), name="urgency_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=5), name="capacity_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.need_id} / {self.organisation_id}: {self.urgency}, {self.capacity}"


class RoundResult(models.Model):
    """A need's place in a closed round, written once on close so past rounds stay as they were."""

    round = models.ForeignKey(PrioritisationRound, on_delete=models.CASCADE, related_name="results")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="round_results")
    rank = models.PositiveSmallIntegerField(_("rank"))
    urgency = models.DecimalField(_("mean urgency"), max_digits=3, decimal_places=2)
    capacity = models.DecimalField(_("mean capacity"), max_digits=3, decimal_places=2)
    score_count = models.PositiveSmallIntegerField(_("organisations that scored"))

    class Meta:
        ordering = ["round", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "need"], name="one_result_per_need_round")
        ]

    def __str__(self):
        return f"{self.rank}. {self.need_id}"

    MIDPOINT = Decimal(3)

    @property
    def quadrant(self) -> Quadrant:
        """Where the need falls in the 2×2 matrix (midpoint 3 on both axes)."""
        urgent = self.urgency >= self.MIDPOINT
        able = self.capacity >= self.MIDPOINT
        return {
            (True, True): Quadrant.ACT,
            (True, False): Quadrant.BUILD,
            (False, True): Quadrant.SUPPORT,
            (False, False): Quadrant.WATCH,
        }[(urgent, able)]


class Outcome(models.Model):
    """A change that matters most (II), defined with residents for a prioritised need."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="outcomes"
    )
    title_sv = swedish_label(_("Title"), 200)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    insights = models.ManyToManyField(
        "focusgroups.Insight",
        blank=True,
        related_name="outcomes",
        verbose_name=_("what residents said"),
    )
    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    title = Translated()
    description = Translated()

    class Meta:
        ordering = ["need", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("prioritization:outcome_detail", args=[self.pk])


class OutcomeIndicator(models.Model):
    """How an outcome is measured: an indicator with a baseline and a target."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="measures")
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="outcome_measures",
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=4)
    baseline_period = models.CharField(
        _("baseline period"), max_length=7, validators=[period_validator]
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    target_period = models.CharField(
        _("target period"), max_length=7, validators=[period_validator]
    )

    class Meta:
        ordering = ["outcome", "pk"]
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "indicator"], name="one_measure_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.baseline} → {self.target}"


class Intervention(models.Model):
    """A candidate intervention (III) for an outcome, with the evidence that it works.

    A chosen intervention is ready to become a proposal in the initiatives app.
    """

    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="interventions"
    )
    title_sv = swedish_label(_("Title"), 200)
    description_sv = swedish_text(_("Description"), max_length=TEXT)
    evidence_source = LabelField(_("source of evidence"), max_length=300, blank=True)
    evidence_url = models.URLField(_("link to the evidence"), blank=True)
    evidence_strength = models.CharField(
        _("strength of evidence"), max_length=20, choices=EvidenceStrength.choices
    )
    evidence_notes = BoundedTextField(_("notes on the evidence"), max_length=TEXT, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.CANDIDATE,
    )
    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    title = Translated()
    description = Translated()

    class Meta:
        ordering = ["outcome", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.outcome.get_absolute_url()}#intervention-{self.pk}"
