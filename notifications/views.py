from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from actors.pagination import page_of
from actors.services import user_language_set

from . import selectors, services
from .forms import PreferencesForm
from .kinds import kinds_for
from .links import BadLink, unsubscribe_target
from .permissions import get_notification_for_user


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.notifications_of(user=request.user))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "rows": selectors.rows(page.object_list)},
    )


# A GET that only marks a notice read and leads on to what it tells of: nothing a link
# scanner could set off matters, and it works from a mail once the reader has logged in.
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.notification_read(notification=notification)
    return redirect(selectors.row(notification).url)


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_read_all(user=request.user)
    messages.success(request, _("Every notification is marked read."))
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    kinds = kinds_for(request.user)
    names = [kind.kind.value for kind in kinds]
    chosen = selectors.frequencies(user_ids=[request.user.pk], kinds=names)
    form = PreferencesForm(
        request.POST or None,
        kinds=kinds,
        chosen={name: chosen[request.user.pk, name] for name in names},
        language=request.user.language,
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["language"]:
            user_language_set(user=request.user, language=form.cleaned_data["language"])
        services.preferences_save(user=request.user, chosen=form.frequencies())
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preference_form.html", {"form": form})


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token is the key
@never_cache  # a personal page behind a signed link stays out of the page cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, kinds = unsubscribe_target(token)
    except BadLink:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    labels = [kind.label for kind in kinds]
    if request.method == "POST":
        services.preferences_turn_off(user=user, kinds=kinds)
        return render(request, "notifications/unsubscribed.html", {"labels": labels})
    return render(request, "notifications/unsubscribe.html", {"labels": labels, "token": token})
