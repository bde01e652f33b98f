"""A service's refusal, put on the form that asked for it: the one way every view does it."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


def add_service_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError (or subclass) on the form: each message on the field it
    names where the form has that field, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def saved(request, form, save: Callable, message: str):
    """On a POST with a valid form, run `save(form)` (a service call) and return its result.

    A ValidationError from the service lands on the form and nothing is returned, as for a GET
    or an invalid form; on success the message is queued for the next page.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form)
    except ValidationError as error:
        add_service_error(form, error)
        return None
    messages.success(request, message)
    return result
