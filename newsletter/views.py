from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from actors import ratelimit
from actors.choices import PortalRole
from actors.formerrors import add_service_error
from actors.i18n import SOURCE, language_name, language_tag, text_in
from actors.models import SiteSettings
from actors.pagination import page_of
from actors.permissions import role_required
from actors.translations import State
from initiatives.models import Initiative
from prioritization.models import Need

from . import selectors
from .choices import EditionStatus
from .forms import (
    EditionForm,
    EditionSendForm,
    FollowForm,
    PreferencesForm,
    SignUpForm,
    current_language,
)
from .links import LinkError, preferences_url
from .mail import render_markdown
from .models import email_hash
from .permissions import get_edition_for_user
from .services import editions, following, languages, subscribers

coordinator_required = role_required(PortalRole.COORDINATOR)

SIGNUPS_PER_ADDRESS_PER_HOUR = 5
HOUR = 3600
TOO_MANY_SIGN_UPS = {  # by what the limit counts: the sign-ups of a connection or an address
    "ip": gettext_lazy("Too many sign-ups from here. Please try again in an hour."),
    "address": gettext_lazy("Too many sign-ups. Please try again in an hour."),
}
LINK_ERROR_STATUS = {"invalid": 400, "expired": 410, "used": 410, "unsubscribed": 410}


def consent_text(language: str) -> str:
    """The text a subscriber agrees to, recorded with the sign-up in the subscriber's language."""
    with translation.override(language):
        return _(
            "I want to receive the newsletter of %(site)s by e-mail, in the language I chose. "
            "My address and name are used for nothing else. I can unsubscribe at any time with "
            "the link in every mail, and my address and name are then deleted."
        ) % {"site": SiteSettings.current().name}


# Residents -------------------------------------------------------------------------------


# No CSRF token: the form is in the footer of pages served to every visitor from the page cache,
# where one visitor's token would fail for the next. A forged sign-up gains nothing the attacker
# could not post directly, and double opt-in plus the rate limits guard the form either way.
@csrf_exempt
def signup(request):
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot():
            return redirect("newsletter:signup_done")
        if form.is_valid():
            data = form.cleaned_data
            exceeded = _limit_exceeded(request, "signup", data["email"])
            if exceeded is None:
                subscribers.subscriber_sign_up(
                    email=data["email"],
                    name=data["name"],
                    language=data["language"],
                    interests=data["interests"],
                    consent_text=consent_text(data["language"]),
                )
                return redirect("newsletter:signup_done")
            form.add_error(None, TOO_MANY_SIGN_UPS[exceeded.scope.rpartition("-")[2]])
            status = 429
    return render(
        request,
        "newsletter/subscriber_signup.html",
        {"form": form, "consent_text": consent_text(current_language())},
        status=status,
    )


def _limit_exceeded(request, scope: str, email: str):
    """The first sign-up limit (per connection, per address) this one exceeds, or None."""
    return ratelimit.first_exceeded(
        (
            ratelimit.Limit(f"{scope}-ip", settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR, HOUR),
            ratelimit.client_address(request),
        ),
        (
            ratelimit.Limit(f"{scope}-address", SIGNUPS_PER_ADDRESS_PER_HOUR, HOUR),
            email_hash(email),
        ),
    )


def signup_done(request):
    return render(request, "newsletter/subscriber_signup_done.html")


def _link_error(request, error: LinkError, template="newsletter/subscriber_link_error.html"):
    return render(
        request,
        template,
        {"reason": error.reason},
        status=LINK_ERROR_STATUS.get(error.reason, 400),
    )


@never_cache  # personal pages behind a signed link stay out of the page cache
def confirm(request, token):
    """The link in the mail opens a page with a button; only the button (a POST) confirms, so a
    mail scanner that follows every link subscribes nobody."""
    try:
        if request.method != "POST":
            subscriber = subscribers.subscriber_to_confirm(token=token)
            return render(
                request,
                "newsletter/subscriber_confirm.html",
                {"subscriber": subscriber, "token": token},
            )
        subscriber = subscribers.subscriber_confirm(token=token)
    except LinkError as error:
        if error.reason == "confirmed":
            return render(request, "newsletter/subscriber_confirmed_before.html")
        return _link_error(request, error)
    return render(
        request,
        "newsletter/subscriber_confirmed.html",
        {"subscriber": subscriber, "preferences_url": preferences_url(subscriber)},
    )


@never_cache  # personal pages behind a signed link stay out of the page cache
def preferences(request, token):
    try:
        subscriber = subscribers.subscriber_from_manage_token(token)
    except LinkError as error:
        return _link_error(request, error)
    initial = {
        "name": subscriber.name,
        "language": subscriber.language,
        "interests": [] if subscriber.all_interests else list(subscriber.interests.all()),
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        subscribers.subscriber_update_preferences(subscriber=subscriber, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("newsletter:preferences", token=token)
    return render(
        request,
        "newsletter/subscriber_preferences.html",
        {"form": form, "subscriber": subscriber, "token": token},
    )


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token is the key
@never_cache
def unsubscribe(request, token):
    try:
        subscriber = subscribers.subscriber_from_manage_token(token)
    except LinkError as error:
        if error.reason == "unsubscribed":
            return render(request, "newsletter/subscriber_unsubscribed.html")
        return _link_error(request, error)
    if request.method == "POST":
        subscribers.subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/subscriber_unsubscribed.html")
    return render(request, "newsletter/subscriber_unsubscribe.html", {"token": token})


# Following an initiative or a need --------------------------------------------------------


def follow_initiative(request, pk):
    initiative = get_object_or_404(Initiative.objects.public(), pk=pk)
    return _follow(request, thing=initiative, initiative=initiative)


def follow_need(request, pk):
    need = get_object_or_404(Need, pk=pk)
    return _follow(request, thing=need, need=need)


def _follow(request, *, thing, **followed):
    """The form is served from the page cache like any public page; the cache gives each
    visitor their own CSRF token."""
    form = FollowForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot():
            return redirect("newsletter:follow_sent")
        if form.is_valid():
            email = form.cleaned_data["email"]
            exceeded = _limit_exceeded(request, "follow", email)
            if exceeded is None:
                following.follow_request(email=email, language=current_language(), **followed)
                return redirect("newsletter:follow_sent")
            form.add_error(None, TOO_MANY_SIGN_UPS[exceeded.scope.rpartition("-")[2]])
            status = 429
    return render(
        request, "newsletter/follow_form.html", {"form": form, "thing": thing}, status=status
    )


def follow_sent(request):
    return render(request, "newsletter/follow_sent.html")


@never_cache  # personal pages behind a signed link stay out of the page cache
def follow_confirm(request, token):
    """Only the button (a POST) confirms, so a mail scanner that opens the link follows nothing."""
    try:
        if request.method != "POST":
            follower = following.follower_to_confirm(token=token)
            return render(
                request,
                "newsletter/follow_confirm.html",
                {"thing": following.thing_of(follower), "email": follower.email, "token": token},
            )
        follower = following.follower_confirm(token=token)
    except LinkError as error:
        if error.reason == "confirmed":
            return render(request, "newsletter/follow_confirmed.html")
        return _link_error(request, error, "newsletter/follow_link_error.html")
    return render(
        request, "newsletter/follow_confirmed.html", {"thing": following.thing_of(follower)}
    )


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token is the key
@never_cache
def unfollow(request, token):
    try:
        follower = following.follower_from_stop_token(token)
    except LinkError as error:
        if error.reason == "unsubscribed":
            return render(request, "newsletter/follow_stopped.html")
        return _link_error(request, error, "newsletter/follow_link_error.html")
    if request.method == "POST":
        following.follower_stop(follower=follower)
        return render(request, "newsletter/follow_stopped.html")
    return render(
        request,
        "newsletter/follow_stop.html",
        {"thing": following.thing_of(follower), "token": token},
    )


# Coordinators ----------------------------------------------------------------------------


@coordinator_required
def edition_list(request):
    page = page_of(request, selectors.edition_list())
    return render(request, "newsletter/edition_list.html", {"page": page})


def _save(request, form, edition=None):
    data = form.cleaned_data
    return editions.edition_save(
        edition=edition,
        actor=request.user,
        subject_sv=data["subject_sv"],
        body_sv=data["body_sv"],
        audience=data["audience"],
        interests=data["interests"],
    )


@coordinator_required
def edition_create(request):
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = _save(request, form)
        messages.success(request, _("The edition is saved as a draft."))
        return redirect(edition)
    return render(request, "newsletter/edition_form.html", {"form": form})


@require_POST
@coordinator_required
def edition_draft(request):
    edition = editions.edition_create_draft(actor=request.user)
    messages.success(
        request, _("A draft with what happened since the last edition is ready to edit.")
    )
    return redirect("newsletter:edition_edit", pk=edition.pk)


@coordinator_required
def edition_edit(request, pk):
    edition = get_edition_for_user(request.user, pk, "edit")
    if edition.status != EditionStatus.DRAFT:
        messages.error(request, _("This edition has been sent and can no longer be changed."))
        return redirect(edition)
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, form, edition)
        except editions.EditionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The edition is saved."))
        return redirect(edition)
    return render(request, "newsletter/edition_form.html", {"form": form, "edition": edition})


@coordinator_required
def edition_detail(request, pk):
    edition = get_edition_for_user(request.user, pk)
    return _detail(request, edition)


def _detail(request, edition, send_form=None, status=200):
    """The edition's page: its previews, and for a draft the state of each language's
    translation with the send step; for a sent edition its delivery."""
    draft = edition.status == EditionStatus.DRAFT
    recipients = editions.edition_recipients_by_language(edition=edition) if draft else {}
    states = languages.edition_languages(edition=edition, recipients=recipients)
    if draft and send_form is None:
        send_form = EditionSendForm(stale=_stale(states))
    previews = [
        {
            "language": language_tag(code),
            "label": language_name(code),
            "subject": text_in(code, "subject", edition.subject_sv, edition.translations),
            "html": render_markdown(text_in(code, "body", edition.body_sv, edition.translations)),
        }
        for code in [SOURCE] + [state.code for state in states if state.gets != SOURCE]
    ]
    return render(
        request,
        "newsletter/edition_detail.html",
        {
            "edition": edition,
            "previews": previews,
            "translation_states": states,
            "interests": list(edition.interests.all()),
            "audience_size": sum(recipients.values()) if draft else None,
            "send_form": send_form,
            "progress": selectors.edition_progress(edition),
            "failures": None if draft else page_of(request, selectors.edition_failures(edition)),
        },
        status=status,
    )


def _stale(states) -> list[str]:
    return [state.code for state in states if state.recipients and state.state == State.STALE]


@coordinator_required
def edition_progress(request, pk):
    edition = get_edition_for_user(request.user, pk)
    return JsonResponse(selectors.edition_progress(edition))


@require_POST
@coordinator_required
def edition_send_test(request, pk):
    edition = get_edition_for_user(request.user, pk, "send")
    try:
        editions.edition_test_copy_queue(edition=edition, actor=request.user)
    except editions.EditionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("A test copy is on its way to %(email)s.") % {"email": request.user.email}
        )
    return redirect(edition)


@require_POST
@coordinator_required
def edition_send(request, pk):
    edition = get_edition_for_user(request.user, pk, "send")
    if edition.status == EditionStatus.DRAFT:
        recipients = editions.edition_recipients_by_language(edition=edition)
        stale = _stale(languages.edition_languages(edition=edition, recipients=recipients))
        form = EditionSendForm(request.POST, stale=stale)
        if not form.is_valid():
            return _detail(request, edition, form)
        choices = form.stale_choices()
    else:
        choices = {}  # the service says why it cannot be sent
    try:
        count = editions.edition_send(edition=edition, actor=request.user, stale_choices=choices)
    except languages.StaleTranslations as error:
        # A translation turned stale since the page was read: ask again with the new choices.
        form = EditionSendForm(request.POST, stale=error.languages)
        form.is_valid()
        add_service_error(form, error)
        return _detail(request, edition, form)
    except editions.EditionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The edition is being sent to %(count)s subscribers.") % {"count": count},
        )
    return redirect(edition)
