"""The report request form takes the fields of the kind of report chosen, and only those."""

import pytest

from reports.forms import ReportRequestForm
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_a_period_report_ignores_what_was_left_in_the_initiative_field():
    form = ReportRequestForm(
        {
            "kind": "period",
            "initiative": "not an initiative",
            "start": "2026-01-01",
            "end": "2026-06-30",
            "language": "sv",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["initiative"] is None


def test_an_initiative_report_ignores_what_was_left_in_the_period_fields():
    initiative = InitiativeFactory(step="completed")
    form = ReportRequestForm(
        {
            "kind": "initiative",
            "initiative": initiative.pk,
            "start": "not a date",
            "end": "2026-01-01",
            "language": "en",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["initiative"] == initiative
    assert form.cleaned_data["start"] is None and form.cleaned_data["end"] is None


def test_the_fields_of_the_chosen_kind_are_still_checked():
    form = ReportRequestForm({"kind": "period", "start": "nonsense", "language": "sv"})
    assert not form.is_valid()
    assert set(form.errors) == {"start", "end"}
    form = ReportRequestForm({"kind": "initiative", "initiative": "999999", "language": "sv"})
    assert not form.is_valid()
    assert set(form.errors) == {"initiative"}
