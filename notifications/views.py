from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.pagination import page_of

from . import selectors, services
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
