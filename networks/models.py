"""Networks: the city's departments, companies, associations and other actors that coordinate
work in a district, with the people to contact about an idea.

A network's contact persons are named on the public site only with their consent; the others
are reached through the idea form, which mails every contact person of the network.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actors.fields import TEXT, LabelField
from actors.i18n import Translated, TranslationsField, swedish_label, swedish_text
from actors.models import Organisation

from .choices import ParticipantKind


class Network(models.Model):
    """A network of actors that coordinates work in a district (or, with none, in the whole
    collaboration): planning joint activities, new efforts and projects."""

    district = models.ForeignKey(
        "actors.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a network of the whole collaboration."),
    )
    name_sv = swedish_label(_("Name"), 160)
    description_sv = swedish_text(_("What it coordinates"), max_length=TEXT)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations of the portal taking part"),
        blank=True,
        related_name="networks",
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active networks are shown on the site.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    translations = TranslationsField()
    name = Translated()
    description = Translated()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name_sv

    def get_absolute_url(self):
        return reverse("networks:network_detail", args=[self.pk])


class Participant(models.Model):
    """A participant of a network without a page in the portal: a department of the city, a
    company, an agency."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="participants"
    )
    name = LabelField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["network", "position", "name", "pk"]
        verbose_name = _("network participant")
        verbose_name_plural = _("network participants")

    def __str__(self):
        return self.name


class ContactPerson(models.Model):
    """Someone to contact about a network. Named on the public site only with their consent;
    every contact person, consenting or not, receives the ideas sent to the network, which is
    what agreeing to be a contact means."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = LabelField(_("name"), max_length=120)
    role = LabelField(_("role or title"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = LabelField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A code of settings.LANGUAGES, checked where it is chosen, as a user's language is.
    language = models.CharField(_("language of e-mails"), max_length=8, default="sv")
    consents_to_publication = models.BooleanField(
        _("agrees to be named on the public site"),
        default=False,
        help_text=_(
            "Without consent the page says only that the network has a contact person, "
            "reached through the idea form."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["network", "position", "name", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name
