"""Writes for focus groups, insights, council consultations and residents' ideas.

Each function is one domain action in one transaction, which also records its event; e-mails
leave only after commit.
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors import ratelimit
from actors.events import event_record, excerpt
from actors.i18n import in_every_language, text_in
from actors.links import url_in
from actors.mail import mail_send_template
from actors.models import SiteSettings
from networks.models import Network

from .choices import ConsultationStatus, FocusGroupEvent, IdeaDecision, IdeaStatus
from .models import CouncilConsultation, FocusGroup, Idea, Insight

IDEA_SALT = "focusgroups.idea-confirm"
IDEA_CONFIRM_MAX_AGE = 3 * 24 * 3600  # three days to click the link
HOUR = 3600
# A workshop at Folkets Husby or an evening at the library is a room of residents behind one
# address, each sending an idea or two: sixty an hour from one connection leaves such a room room
# to spare, and still stops a script long before the coordinators' queue or the mail sender's
# reputation suffers. Each idea mails its address a link, so an address gets at most five an hour:
# enough for a resident with many ideas, too few to fill a stranger's inbox.
IDEAS_PER_CONNECTION = ratelimit.Limit("idea-connection", limit=60, window=HOUR)
IDEAS_PER_EMAIL = ratelimit.Limit("idea-email", limit=5, window=HOUR)


@transaction.atomic
def focus_group_save(*, focus_group: FocusGroup, actor=None, target_groups=None) -> FocusGroup:
    """Create or update a focus group's record and, when given, the target groups it spoke with."""
    created = focus_group.pk is None
    if created:
        focus_group.created_by = actor
    focus_group.full_clean()
    focus_group.save()
    if target_groups is not None:
        # Declared by prioritization (TargetGroup.focus_groups); its reverse side is here.
        focus_group.target_groups.set(target_groups)
    kind = FocusGroupEvent.FOCUS_GROUP_CREATED if created else FocusGroupEvent.FOCUS_GROUP_CHANGED
    event_record(
        kind=kind,
        subject=focus_group,
        actor=actor,
        data={
            **in_every_language(focus_group, "title"),
            "held_on": focus_group.held_on,
            "participants": focus_group.participant_count,
            "age_band": focus_group.age_band,
        },
        public=created,
    )
    return focus_group


@transaction.atomic
def insight_save(*, insight: Insight, focus_areas=None, actor=None) -> Insight:
    """Save an insight and, when given, the focus areas it is tagged with."""
    created = insight.pk is None
    insight.full_clean()
    insight.save()
    if focus_areas is not None:
        # The relation is declared by prioritization (FocusArea.insights); its reverse side is here.
        insight.focus_areas.set(focus_areas)
    _insight_event(
        FocusGroupEvent.INSIGHT_CREATED if created else FocusGroupEvent.INSIGHT_CHANGED,
        insight,
        actor,
    )
    return insight


def _insight_event(kind: str, insight: Insight, actor) -> None:
    data = {"focus_group": insight.focus_group_id, "text_sv": excerpt(insight.text_sv)}
    event_record(kind=kind, subject=insight, actor=actor, data=data, public=False)


@transaction.atomic
def insight_delete(*, insight: Insight, actor=None) -> None:
    _insight_event(FocusGroupEvent.INSIGHT_REMOVED, insight, actor)
    insight.delete()


@transaction.atomic
def consultation_save(*, consultation: CouncilConsultation, actor=None) -> CouncilConsultation:
    """Create or update a consultation; the question and material, not the answer."""
    created = consultation.pk is None
    if created:
        consultation.created_by = actor
    consultation.full_clean()
    consultation.save()
    kind = FocusGroupEvent.CONSULTATION_ASKED if created else FocusGroupEvent.CONSULTATION_CHANGED
    event_record(
        kind=kind,
        subject=consultation,
        actor=actor,
        data={"asked_on": consultation.asked_on, "question_sv": excerpt(consultation.question_sv)},
        public=False,
    )
    return consultation


@transaction.atomic
def consultation_answer(
    *,
    consultation: CouncilConsultation,
    answer_sv: str,
    answered_on: datetime.date,
    actor=None,
) -> CouncilConsultation:
    """Record the council's answer. It cannot come before the question was asked."""
    consultation = CouncilConsultation.objects.select_for_update().get(pk=consultation.pk)
    if answered_on < consultation.asked_on:
        raise ValidationError(
            {"answered_on": _("The answer cannot come before the question was asked.")}
        )
    if not answer_sv.strip():
        raise ValidationError({"answer_sv": _("Write the council's answer.")})
    consultation.answer_sv = answer_sv
    consultation.answered_on = answered_on
    consultation.status = ConsultationStatus.ANSWERED
    consultation.save()
    event_record(
        kind=FocusGroupEvent.CONSULTATION_ANSWERED,
        subject=consultation,
        actor=actor,
        data={
            "council": SiteSettings.current().council_name,
            "answered_on": answered_on,
            **{
                key: excerpt(text)
                for key, text in in_every_language(consultation, "question", "answer").items()
            },
        },
        public=True,
    )
    return consultation


def idea_confirm_token(idea: Idea) -> str:
    return signing.dumps({"idea": idea.pk, "email": idea.email}, salt=IDEA_SALT)


class TooManyIdeas(ValidationError):
    """The connection or the e-mail address has sent as many ideas as an hour allows."""

    MESSAGES = {
        IDEAS_PER_CONNECTION.scope: _(
            "Too many ideas from your connection just now. Please try again in an hour."
        ),
        IDEAS_PER_EMAIL.scope: _(
            "Too many ideas from this e-mail address just now. Please try again in an hour."
        ),
    }

    def __init__(self, limit: ratelimit.Limit):
        super().__init__(self.MESSAGES[limit.scope], code="rate_limited")


def _idea_limits(address: str, email: str) -> list[tuple[ratelimit.Limit, str]]:
    limits = [(IDEAS_PER_CONNECTION, address)]
    if email:
        limits.append((IDEAS_PER_EMAIL, email.lower()))
    return limits


def idea_limit_check(*, address: str, email: str = "") -> None:
    """Raise TooManyIdeas when the connection `address` (or `email`, when known) has used up its
    hour; counts nothing, so that a form sent back for a typo costs the sender no idea."""
    reached = ratelimit.first_reached(*_idea_limits(address, email))
    if reached is not None:
        raise TooManyIdeas(reached)


@transaction.atomic
def idea_submit(
    *,
    title: str,
    text: str,
    email: str,
    language: str,
    address: str = "",
    tell_me_what_became: bool = False,
    network: Network | None = None,
) -> Idea:
    """Keep an idea from the public site and send its sender a link to confirm the address.

    Sent from `address` (the client's connection), the idea counts against the hourly limits,
    and TooManyIdeas refuses it once they are used up; only kept ideas are counted. The demo
    and tests, which pass no address, are not limited. `tell_me_what_became` is the sender's
    consent to hear of the initiatives that answer the idea, once it is part of a need.
    `network`, an active network whose page the idea was sent from, receives it once confirmed.

    The mail does not quote the idea: until the address is confirmed, anyone may have typed it,
    and the portal's name must not carry their words to a stranger.
    """
    if address:
        # Looking first leaves the counts of a refused idea as they are; counting then catches
        # the ideas that came in at the same moment.
        idea_limit_check(address=address, email=email)
        exceeded = ratelimit.first_exceeded(*_idea_limits(address, email))
        if exceeded is not None:
            raise TooManyIdeas(exceeded)
    idea = Idea.objects.create(
        title=title,
        text=text,
        email=email.lower(),
        language=language[:8] or "sv",
        tell_me_what_became=tell_me_what_became,
        network=network,
    )
    mail_send_template(
        "idea-confirm",
        to=idea.email,
        language=idea.language,
        context={
            "url": url_in(idea.language, "focusgroups:idea_confirm", idea_confirm_token(idea)),
            "days": IDEA_CONFIRM_MAX_AGE // 86400,
        },
    )
    return idea


class InvalidToken(Exception):
    """The confirmation link is forged, broken or too old."""


def _idea_of_link(token: str, ideas, max_age: int) -> Idea:
    """The idea a confirmation link names; InvalidToken for a forged link, or for an old one
    whose idea is still unconfirmed. An old link of a confirmed idea still finds it, so that
    opening it again says it is confirmed rather than asking the sender to start over."""
    try:
        data = signing.loads(token, salt=IDEA_SALT)
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not isinstance(data, dict):
        raise InvalidToken
    idea = ideas.filter(pk=data.get("idea"), email=data.get("email")).first()
    if idea is None:
        raise InvalidToken
    if idea.status == IdeaStatus.UNCONFIRMED:
        try:
            signing.loads(token, salt=IDEA_SALT, max_age=max_age)
        except signing.SignatureExpired as error:
            raise InvalidToken from error
    return idea


def idea_to_confirm(*, token: str, max_age: int = IDEA_CONFIRM_MAX_AGE) -> Idea:
    """The idea a confirmation link is for, changing nothing: opening the link (as mail
    scanners do) only shows what pressing its button will confirm."""
    return _idea_of_link(token, Idea.objects.all(), max_age)


@transaction.atomic
def idea_confirm(*, token: str, max_age: int = IDEA_CONFIRM_MAX_AGE) -> Idea:
    """Mark an idea's e-mail as confirmed; it then waits for the coordinators, and an idea sent
    to a network goes to the network's contact persons too. Idempotent."""
    idea = _idea_of_link(token, Idea.objects.select_for_update(), max_age)
    if idea.status == IdeaStatus.UNCONFIRMED:
        idea.status = IdeaStatus.AWAITING
        idea.confirmed_at = timezone.now()
        idea.save(update_fields=["status", "confirmed_at"])
        # Its sender has no account; the title is the resident's own words, for coordinators.
        event_record(
            kind=FocusGroupEvent.IDEA_CONFIRMED,
            subject=idea,
            data={"title": idea.title, "network": idea.network_id},
            public=False,
        )
        if idea.network_id and idea.network.active:
            _tell_network(idea)
    return idea


def _tell_network(idea: Idea) -> None:
    """Mail the idea to every contact person of its network, each in their own language.

    The sender's address stays out of the mail: the form promises to use it for nothing but the
    idea's confirmation and its outcome, which the coordinators tell as for any idea."""
    network = idea.network
    site = SiteSettings.current()
    for contact in network.contacts.all():
        mail_send_template(
            "idea-network",
            to=contact.email,
            language=contact.language,
            context={
                "idea": idea,
                "network_name": text_in(
                    contact.language, "name", network.name_sv, network.translations
                ),
                "site": site,
            },
        )


def _lock_for_moderation(idea: Idea) -> Idea:
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status not in (IdeaStatus.AWAITING, IdeaStatus.KEPT):
        raise ValidationError(_("This idea has already been moderated or is not confirmed."))
    return idea


def _moderated(idea: Idea, *, status: str, reply: str, actor, need=None) -> None:
    """Record the coordinator's answer to an idea, and its event.

    Only an idea taken up as a need is public, told by the need's title: the idea's own words
    stay between its sender and the coordinators.
    """
    idea.status = status
    idea.reply = reply
    idea.moderated_at = timezone.now()
    idea.moderated_by = actor
    idea.save()
    data = {"outcome": status}
    if need is not None:
        data |= {"need": need.pk, **in_every_language(need, "title")}
    event_record(
        kind=FocusGroupEvent.IDEA_MODERATED,
        subject=idea,
        actor=actor,
        data=data,
        public=need is not None,
    )


@transaction.atomic
def idea_keep_or_decline(*, idea: Idea, decision: str, reply: str, actor) -> Idea:
    """Keep a resident's idea for later or decline it politely (`decision`: an IdeaDecision);
    the sender is told by e-mail. Making it a need is prioritization's `idea_moderate`."""
    idea = _lock_for_moderation(idea)
    status = {IdeaDecision.KEEP: IdeaStatus.KEPT, IdeaDecision.DECLINE: IdeaStatus.DECLINED}[
        IdeaDecision(decision)
    ]
    if idea.status == status:
        raise ValidationError(_("The idea already has this status."))
    _moderated(idea, status=status, reply=reply, actor=actor)
    _tell_sender(f"idea-{status}", idea, {"idea": idea})
    return idea


@transaction.atomic
def idea_accept(*, idea: Idea, reply: str, actor, need, need_url: str) -> Idea:
    """Mark an idea as taken up as `need`, which prioritization has just made (and whose page is
    at `need_url` in the sender's language)."""
    idea = _lock_for_moderation(idea)
    _moderated(idea, status=IdeaStatus.ACCEPTED, reply=reply, actor=actor, need=need)
    need_title = text_in(idea.language, "title", need.title_sv, need.translations)
    _tell_sender("idea-accepted", idea, {"idea": idea, "need_title": need_title, "url": need_url})
    return idea


def _tell_sender(template: str, idea: Idea, context: dict) -> None:
    """Mail the sender the answer, unless their address is gone (they deleted their account)."""
    if idea.email:
        mail_send_template(template, to=idea.email, language=idea.language, context=context)
