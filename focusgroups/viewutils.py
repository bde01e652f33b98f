"""Small helpers the views of this app and of the apps above it share."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, on the field it names where it has one."""
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
        apply_errors(form, error)
        return None
    messages.success(request, message)
    return result
