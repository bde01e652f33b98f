"""The page of a form anyone may send without an account (an idea, a report of a barrier): bots
are thanked and ignored, and what is sent counts against the connection's hourly limits, which
the sender hears of at once, even on a form that still needs mending."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from . import ratelimit
from .formerrors import add_service_error


def public_form(
    request,
    form_class,
    *,
    template: str,
    send: Callable[[dict, str], None],
    check: Callable[[dict, str], None],
    refused: type[ValidationError],
    sent: str,
    context: dict | None = None,
) -> HttpResponse:
    """Show `form_class` (a form with a BotTrap) in `template`; on a POST, once
    `send(cleaned_data, address)` has taken it, go to `sent`. `check(cleaned_data, address)`
    raises `refused` when the limits are used up; so does `send`, which counts the attempt."""
    # Bound on every POST, even one without fields, so that the form can carry the limit's message.
    form = form_class(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_bot():
            return redirect(sent)
        address = ratelimit.client_address(request)
        try:
            if form.is_valid():
                send(form.cleaned_data, address)
                return redirect(sent)
            check(form.cleaned_data, address)
        except refused as error:
            add_service_error(form, error)
            status = 429
    return render(request, template, {"form": form, **(context or {})}, status=status)
