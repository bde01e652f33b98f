"""What visitors and members write: every text field of every form has a limit, and names and
titles are stored without the invisible characters that turn text around or hide in it."""

import importlib.util

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from actors.fields import INVISIBLE, NOTE, TEXT, BoundedTextField, without_invisible
from actors.models import Organisation
from focusgroups.forms import IdeaForm
from initiatives.forms import EvaluationForm
from newsletter.forms import SignUpForm
from prioritization.forms import NeedForm, RoundForm
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import FocusAreaFactory, OutcomeFactory
from tests.workshops.factories import ActionFactory
from workshops.forms import ActionListForm, ThemeSuggestionForm

# Text the portal writes itself (a consent as it was shown, a mail server's answer, an error,
# a mail as it was rendered), never typed into a form.
WRITTEN_BY_THE_PORTAL = {
    "actors.OutgoingMail.body_text",
    "actors.OutgoingMail.body_html",
    "newsletter.Subscriber.consent_text",
    "newsletter.Delivery.error",
    "reports.ReportRequest.failure_reason",
}
RLO, PDF, ZWSP, ZWJ, LRI, PDI = "\u202e", "\u202c", "\u200b", "\u200d", "\u2066", "\u2069"


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def portal_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of the portal's apps, those that factories build (formsets) included."""
    for app in settings.PORTAL_APPS:
        if importlib.util.find_spec(f"{app}.forms") is not None:
            importlib.import_module(f"{app}.forms")
    found = []
    for form_class in _subclasses(forms.BaseForm):
        model = getattr(getattr(form_class, "_meta", None), "model", None)
        app = model._meta.app_label if model else form_class.__module__.split(".")[0]
        if app in settings.PORTAL_APPS:
            found.append(form_class)
    return found


def unlimited(fields: dict, owner: str) -> list[str]:
    return [
        f"{owner}.{name}"
        for name, field in fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]


def test_every_text_field_of_every_form_has_a_limit():
    form_classes = portal_form_classes()
    assert len(form_classes) >= 50
    missing = [
        name
        for form_class in form_classes
        for name in unlimited(
            form_class.base_fields, f"{form_class.__module__}.{form_class.__name__}"
        )
    ]
    assert missing == []


@pytest.mark.django_db
def test_the_fields_a_form_adds_for_its_objects_have_limits_too(organisation):
    initiative = InitiativeFactory(lead_organisation=organisation)
    initiative.outcomes.add(OutcomeFactory())
    built = [
        EvaluationForm(initiative=initiative),
        ActionListForm(items=[ActionFactory(owner=organisation)]),
    ]
    assert all(len(form.fields) > len(form.base_fields) for form in built)
    assert [name for form in built for name in unlimited(form.fields, type(form).__name__)] == []


def test_every_text_column_a_person_writes_has_its_limit_in_the_model():
    unbounded = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for app in settings.PORTAL_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and not isinstance(field, BoundedTextField)
    }
    assert unbounded == WRITTEN_BY_THE_PORTAL


def test_the_model_checks_the_limit_too():
    organisation = Organisation(name="Husby FF", slug="husby-ff", kind="association")
    organisation.description_sv = "x" * (TEXT + 1)
    with pytest.raises(ValidationError) as raised:
        organisation.clean_fields()
    assert list(raised.value.message_dict) == ["description_sv"]


def test_only_direction_controls_and_zero_width_characters_are_removed():
    assert {f"{c:04X}" for c in INVISIBLE} == {
        *("202A", "202B", "202C", "202D", "202E"),
        *("2066", "2067", "2068", "2069"),
        *("200E", "200F", "061C"),
        *("200B", "200C", "200D", "2060", "FEFF"),
    }
    kept = "Husby Träff – ٱلسَّلَام\u00a0ሰላም 1 200 kr"
    assert without_invisible(kept) == kept
    assert without_invisible("".join(map(chr, INVISIBLE))) == ""


@pytest.mark.django_db  # the form offers the languages the collaboration offers
def test_a_subscriber_name_loses_its_overrides():
    form = SignUpForm(
        {"email": "a@example.org", "name": f"{RLO}animA{PDF}{ZWSP}", "language": "sv"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "animA"


@pytest.mark.django_db
def test_an_idea_title_loses_them_and_its_text_keeps_every_character():
    text = f"Familj 👨{ZWJ}👩{ZWJ}👧 vill ha {RLO}utegym{PDF}."
    form = IdeaForm({"title": f"{LRI}Ute{ZWSP}gym{PDI} ", "text": text, "email": "a@example.org"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["title"], form.cleaned_data["text"]) == ("Utegym", text)


@pytest.mark.django_db
def test_titles_of_nothing_but_invisible_characters_are_empty():
    need = NeedForm({"title_sv": f"{RLO}{ZWSP}{PDF}", "focus_area": FocusAreaFactory().pk})
    round_ = RoundForm({"title_sv": ZWSP * 3})
    assert need.errors["title_sv"] == round_.errors["title_sv"] == ["Detta fält måste fyllas i."]


def test_the_length_of_a_title_is_counted_without_them():
    form = ThemeSuggestionForm({"title": "Trygghet" + ZWSP * 500, "description": "x" * NOTE})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Trygghet"
    assert not ThemeSuggestionForm({"title": "T", "description": "x" * (NOTE + 1)}).is_valid()
