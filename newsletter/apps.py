from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from actors import events
        from actors.mail import mail_refused

        from .choices import NewsletterEvent

        events.register(NewsletterEvent)
        mail_refused.connect(_refused, dispatch_uid="newsletter-follow-mail-refused")


def _refused(sender, mail, **kwargs):
    from .services.following import follow_mail_refused

    follow_mail_refused(mail=mail)
