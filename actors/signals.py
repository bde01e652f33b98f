"""A person's language is the one they log in or sign up in: the login page is read in it, so
their mails speak it from then on, until they log in in another or choose one in their
notification settings."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import get_language

from .services import user_language_set


def _remember(sender, request, user, **kwargs):
    user_language_set(user=user, language=get_language())


def remember_language_at_login() -> None:
    user_logged_in.connect(_remember, dispatch_uid="actors.remember_language")
    user_signed_up.connect(_remember, dispatch_uid="actors.remember_language_at_signup")
