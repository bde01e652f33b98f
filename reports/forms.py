import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative

from .choices import ReportKind, ReportLanguage

LONGEST_PERIOD = datetime.timedelta(days=366 * 5)


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

    def clean(self):
        data = super().clean()
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
