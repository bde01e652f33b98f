"""Following an initiative or a need by e-mail: double opt-in, and stopping from a link."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from actors.mail import mail_send_template

from .. import links
from ..bounces import Bounce
from ..choices import SubscriberStatus
from ..models import FollowDelivery, Follower, email_hash, new_token_key, normalise_email

ASK_AGAIN_AFTER = timedelta(seconds=links.CONFIRM_MAX_AGE)


def follow_request(*, email: str, language: str, initiative=None, need=None) -> Follower:
    """Ask to follow one thing: a confirmation mail is owed unless the address already follows
    it, or was sent a link for it that still works. The page says the same in every case, so the
    form reveals nobody's follows."""
    email = normalise_email(email)
    thing = {"initiative": initiative} if initiative is not None else {"need": need}
    with transaction.atomic():
        try:
            with transaction.atomic():
                follower = Follower.objects.create(
                    email=email, email_hash=email_hash(email), language=language, **thing
                )
        except IntegrityError:
            follower = Follower.objects.select_for_update().get(
                email_hash=email_hash(email), **thing
            )
        if not _owes_confirmation(follower):
            return follower
        if follower.status != SubscriberStatus.PENDING:
            follower.token_key = new_token_key()
        follower.email, follower.language = email, language
        follower.status = SubscriberStatus.PENDING
        follower.asked_at = timezone.now()
        follower.save()
        mail_send_template(
            "follow_confirm",
            to=email,
            language=language,
            context={
                "thing": thing_of(follower),
                "confirm_url": links.follow_confirm_url(follower),
            },
        )
    return follower


def _owes_confirmation(follower: Follower) -> bool:
    if follower.status == SubscriberStatus.CONFIRMED:
        return False
    if follower.status == SubscriberStatus.PENDING and follower.asked_at is not None:
        return follower.asked_at < timezone.now() - ASK_AGAIN_AFTER
    return True


def thing_of(follower: Follower):
    """The initiative or need followed."""
    return follower.initiative or follower.need


def follower_to_confirm(*, token: str) -> Follower:
    """The follower a confirmation link would confirm, changing nothing."""
    return links.pending_to_confirm(
        token,
        Follower.objects.select_related("initiative", "need"),
        salt=links.FOLLOW_CONFIRM_SALT,
    )


def follower_confirm(*, token: str) -> Follower:
    with transaction.atomic():
        follower = links.pending_to_confirm(
            token,
            Follower.objects.select_for_update(of=("self",)).select_related("initiative", "need"),
            salt=links.FOLLOW_CONFIRM_SALT,
        )
        follower.status = SubscriberStatus.CONFIRMED
        follower.confirmed_at = timezone.now()
        follower.token_key = new_token_key()
        follower.save(update_fields=["status", "confirmed_at", "token_key"])
    return follower


def follower_from_stop_token(token: str) -> Follower:
    """The follower a stop link belongs to; LinkError "unsubscribed" once stopped."""
    payload = links.read_token(token, salt=links.UNFOLLOW_SALT)
    follower = (
        Follower.objects.select_related("initiative", "need")
        .filter(pk=payload.subscriber_id)
        .first()
    )
    if follower is None:
        raise links.LinkError("invalid")
    if follower.status == SubscriberStatus.UNSUBSCRIBED:
        raise links.LinkError("unsubscribed")
    if follower.token_key != payload.key:
        raise links.LinkError("used")  # followed again since: the newer mails carry the link
    return follower


def follower_stop(*, follower: Follower) -> None:
    """Stop telling this address about this thing, and forget the address; the hash stays so the
    idea loop does not start following again."""
    Follower.objects.filter(pk=follower.pk).update(status=SubscriberStatus.UNSUBSCRIBED, email="")


def followers_bounced(*, email_hash_value: str) -> None:
    """The address does not receive mail: it follows nothing any more. Following again starts
    the opt-in anew (`follow_request`)."""
    Follower.objects.filter(email_hash=email_hash_value).exclude(
        status=SubscriberStatus.UNSUBSCRIBED
    ).update(status=SubscriberStatus.BOUNCED)


def follow_bounce_record(bounce: Bounce) -> FollowDelivery | None:
    """A bounce report for a mail that told a follower: a permanent one stops all mail to the
    address. Returns None, changing nothing, when it matches no such mail to that address."""
    with transaction.atomic():
        told = (
            FollowDelivery.objects.select_related("follower", "mail")
            .filter(mail__message_id=bounce.message_id)
            .first()
        )
        if told is None or told.mail.recipient.lower() != bounce.recipient:
            return None
        if bounce.permanent:
            followers_bounced(email_hash_value=told.follower.email_hash)
    return told


def follow_mail_refused(*, mail) -> None:
    """The mail server refused for good the address a mail to a follower went to: as a permanent
    bounce, it follows nothing any more."""
    told = FollowDelivery.objects.filter(mail=mail).select_related("follower").first()
    if told is not None:
        followers_bounced(email_hash_value=told.follower.email_hash)
