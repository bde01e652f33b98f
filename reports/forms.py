import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.districts import offer_district
from actors.models import District
from initiatives.choices import WayOfWorking
from initiatives.models import Initiative

from .choices import ReportKind, ReportLanguage

LONGEST_PERIOD = datetime.timedelta(days=366 * 5)
# The fields that belong to each kind of report; the page hides the others while it is chosen.
FIELDS_OF_KIND = {
    ReportKind.INITIATIVE: ("initiative",),
    ReportKind.PERIOD: ("start", "end", "district", "way"),
}


class DateInput(forms.DateInput):
    input_type = "date"


class ReportRequestForm(forms.Form):
    """What report to make: an initiative's evaluation, or the collaboration over a period."""

    kind = forms.ChoiceField(
        label=_("Report"), choices=ReportKind.choices, widget=forms.RadioSelect
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.exclude(step="needs").order_by("title_sv"),
        required=False,
        help_text=_("For an initiative evaluation report."),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(
        label=_("To"), required=False, widget=DateInput, help_text=_("For a period report.")
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        help_text=_("A period report of one district, or of the whole collaboration."),
    )
    way = forms.ChoiceField(
        label=_("Way of working"),
        choices=[("", _("All ways of working")), *WayOfWorking.choices],
        required=False,
        help_text=_("A period report of the initiatives of one way of working, or of all."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=ReportLanguage.choices)

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "kind": ReportKind.PERIOD,
                "start": today.replace(month=1, day=1),
                "end": today,
                "language": ReportLanguage.SV,
            },
        )
        super().__init__(*args, **kwargs)
        offer_district(self)

    def clean(self):
        data = super().clean()
        self._forget_fields_of_other_kinds(data)
        if data.get("kind") == ReportKind.INITIATIVE and not data.get("initiative"):
            self.add_error("initiative", _("Choose the initiative the report is about."))
        if data.get("kind") == ReportKind.PERIOD:
            start, end = data.get("start"), data.get("end")
            if not start:
                self.add_error("start", _("Give the first day of the period."))
            if not end:
                self.add_error("end", _("Give the last day of the period."))
            if start and end and end < start:
                self.add_error("end", _("The period cannot end before it starts."))
            elif start and end and end - start > LONGEST_PERIOD:
                self.add_error("end", _("A period report covers at most five years."))
        return data

    def _forget_fields_of_other_kinds(self, data) -> None:
        """What was left in the fields of the kind not chosen (hidden on the page, or sent by a
        browser without scripts) is neither checked nor used."""
        kind = data.get("kind")
        if kind not in FIELDS_OF_KIND:
            return
        for other, names in FIELDS_OF_KIND.items():
            if other != kind:
                for name in names:
                    self.errors.pop(name, None)
                    data[name] = None
