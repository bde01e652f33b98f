from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.i18n import Translated, char_pair, text_pair


class FocusArea(models.Model):
    """One of the areas of health and well-being the collaboration works on."""

    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_sv, name_en = char_pair(_("Name"), 120)
    description_sv, description_en = text_pair(_("Description"))

    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    """A group of residents an effort is meant for, such as young people aged 16–25."""

    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_sv, name_en = char_pair(_("Name"), 120)
    description_sv, description_en = text_pair(_("Description"))

    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name
