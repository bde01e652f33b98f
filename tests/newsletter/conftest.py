import pytest

from prioritization.models import FocusArea
from tests.newsletter.smtp_sink import SmtpSink


@pytest.fixture
def smtp_sink(settings):
    """Django's mail goes to a real SMTP server on 127.0.0.1 for the test."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10
        yield sink


@pytest.fixture
def focus_areas(db):
    return [
        FocusArea.objects.create(slug="safety", position=1, name_sv="Trygghet", name_en="Safety"),
        FocusArea.objects.create(
            slug="leisure", position=2, name_sv="Meningsfull fritid", name_en="Leisure"
        ),
    ]
