"""A service's refusal lands on the form: on the field it names, else above the form."""

from django import forms
from django.core.exceptions import ValidationError

from actors.formerrors import add_service_error


class NameForm(forms.Form):
    name = forms.CharField()


def _bound():
    form = NameForm({"name": "Husby"})
    assert form.is_valid()
    return form


def test_it_puts_a_message_on_the_field_it_names():
    form = _bound()
    add_service_error(form, ValidationError({"name": "Taken."}))
    assert form.errors == {"name": ["Taken."]}


def test_a_field_the_form_lacks_goes_above_the_form():
    form = _bound()
    add_service_error(form, ValidationError({"budget": "Too low."}))
    assert form.non_field_errors() == ["Too low."]


def test_messages_without_a_field_go_above_the_form_each_on_its_own():
    form = _bound()
    add_service_error(form, ValidationError(["Closed.", "Not yours."]))
    assert form.non_field_errors() == ["Closed.", "Not yours."]
