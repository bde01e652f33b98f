from allauth.account.adapter import DefaultAccountAdapter

from .models import SiteSettings


class AccountAdapter(DefaultAccountAdapter):
    """Account mails speak in the collaboration's own name."""

    def format_email_subject(self, subject):
        return f"[{SiteSettings.current().short_name}] {subject}"
