"""Writes for focus groups, insights, council consultations and residents' ideas.

Each function is one domain action in one transaction; e-mails leave only after commit.
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.links import url_in
from actors.mail import mail_send_template

from .choices import ConsultationStatus, IdeaDecision, IdeaStatus
from .models import CouncilConsultation, FocusGroup, Idea, Insight

IDEA_SALT = "focusgroups.idea-confirm"
IDEA_CONFIRM_MAX_AGE = 3 * 24 * 3600  # three days to click the link


@transaction.atomic
def focus_group_save(*, focus_group: FocusGroup, actor=None, target_groups=None) -> FocusGroup:
    """Create or update a focus group's record and, when given, the target groups it spoke with."""
    if focus_group.pk is None:
        focus_group.created_by = actor
    focus_group.full_clean()
    focus_group.save()
    if target_groups is not None:
        # Declared by prioritization (TargetGroup.focus_groups); its reverse side is here.
        focus_group.target_groups.set(target_groups)
    return focus_group


@transaction.atomic
def insight_save(*, insight: Insight, focus_areas=None) -> Insight:
    """Save an insight and, when given, the focus areas it is tagged with."""
    insight.full_clean()
    insight.save()
    if focus_areas is not None:
        # The relation is declared by prioritization (FocusArea.insights); its reverse side is here.
        insight.focus_areas.set(focus_areas)
    return insight


@transaction.atomic
def insight_delete(*, insight: Insight) -> None:
    insight.delete()


@transaction.atomic
def consultation_save(*, consultation: CouncilConsultation, actor=None) -> CouncilConsultation:
    """Create or update a consultation; the question and material, not the answer."""
    if consultation.pk is None:
        consultation.created_by = actor
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def consultation_answer(
    *, consultation: CouncilConsultation, answer_sv: str, answer_en: str, answered_on: datetime.date
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
    consultation.answer_en = answer_en
    consultation.answered_on = answered_on
    consultation.status = ConsultationStatus.ANSWERED
    consultation.save()
    return consultation


def idea_confirm_token(idea: Idea) -> str:
    return signing.dumps({"idea": idea.pk, "email": idea.email}, salt=IDEA_SALT)


@transaction.atomic
def idea_submit(*, title: str, text: str, email: str, language: str) -> Idea:
    """Keep an idea from the public site and send its sender a link to confirm the address.

    The mail does not quote the idea: until the address is confirmed, anyone may have typed it,
    and the portal's name must not carry their words to a stranger.
    """
    idea = Idea.objects.create(
        title=title, text=text, email=email.lower(), language=language[:8] or "sv"
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


@transaction.atomic
def idea_confirm(*, token: str, max_age: int = IDEA_CONFIRM_MAX_AGE) -> Idea:
    """Mark an idea's e-mail as confirmed; it then waits for the coordinators. Idempotent."""
    try:
        data = signing.loads(token, salt=IDEA_SALT, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise InvalidToken from error
    idea = (
        Idea.objects.select_for_update()
        .filter(pk=data.get("idea"), email=data.get("email"))
        .first()
    )
    if idea is None:
        raise InvalidToken
    if idea.status == IdeaStatus.UNCONFIRMED:
        idea.status = IdeaStatus.AWAITING
        idea.confirmed_at = timezone.now()
        idea.save(update_fields=["status", "confirmed_at"])
    return idea


def _lock_for_moderation(idea: Idea) -> Idea:
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status not in (IdeaStatus.AWAITING, IdeaStatus.KEPT):
        raise ValidationError(_("This idea has already been moderated or is not confirmed."))
    return idea


@transaction.atomic
def idea_moderate(*, idea: Idea, decision: str, reply: str, actor) -> Idea:
    """Keep an idea for later or decline it politely; the sender is told by e-mail."""
    idea = _lock_for_moderation(idea)
    status = {IdeaDecision.KEEP: IdeaStatus.KEPT, IdeaDecision.DECLINE: IdeaStatus.DECLINED}[
        IdeaDecision(decision)
    ]
    if idea.status == status:
        raise ValidationError(_("The idea already has this status."))
    idea.status = status
    idea.reply = reply
    idea.moderated_at = timezone.now()
    idea.moderated_by = actor
    idea.save()
    mail_send_template(
        f"idea-{status}", to=idea.email, language=idea.language, context={"idea": idea}
    )
    return idea


@transaction.atomic
def idea_accept(*, idea: Idea, reply: str, actor, need_title: str, need_url: str) -> Idea:
    """Mark an idea as taken up as a need (the need itself is made by prioritization)."""
    idea = _lock_for_moderation(idea)
    idea.status = IdeaStatus.ACCEPTED
    idea.reply = reply
    idea.moderated_at = timezone.now()
    idea.moderated_by = actor
    idea.save()
    mail_send_template(
        "idea-accepted",
        to=idea.email,
        language=idea.language,
        context={"idea": idea, "need_title": need_title, "url": need_url},
    )
    return idea
