"""The meetings' section of the administrator's set-up page (`actors.setup`): how often the
collaboration meets, what it calls its meetings and which parts their records have."""

from django.utils.translation import gettext_lazy as _

from actors.setup import SetupSection

from . import services
from .forms import MeetingSettingsForm
from .models import MeetingSettings


def _form(data, files, *, user, prefix):
    return MeetingSettingsForm(data, instance=MeetingSettings.current(), prefix=prefix)


def _save(form, *, actor):
    services.meeting_settings_save(meeting=form.save(commit=False), actor=actor)


SECTION = SetupSection(key="meetings", title=_("Meetings"), order=50, form=_form, save=_save)
