from types import SimpleNamespace
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.translation import get_language

from .links import absolute_url, site_domain
from .mail import mail_queue
from .models import SiteSettings


class AccountAdapter(DefaultAccountAdapter):
    """Account mails leave like every other mail of the portal: queued after commit, from the
    collaboration's name, with links to its public address rather than to whatever host the
    request came in on."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        site = SiteSettings.current()
        context = {
            "email": email,
            "current_site": SimpleNamespace(name=site.name, domain=site_domain()),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
        )
        mail_queue(
            to=email,
            language=get_language(),
            subject=message.subject,
            text=message.body,
            html=html,
        )

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth's own way: a placeholder path with the opaque key put in its place.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_account_already_exists_mail(self, email: str) -> None:
        context = {
            "signup_url": absolute_url(reverse("account_signup")),
            "password_reset_url": absolute_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)
