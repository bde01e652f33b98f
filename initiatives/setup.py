"""The process's section of the administrator's set-up page (`actors.setup`): which steps the
collaboration uses and what it calls them."""

from django.utils.translation import gettext_lazy as _

from actors.setup import SetupSection

from . import services
from .forms import ProcessStepsForm


def _form(data, files, *, user, prefix):
    return ProcessStepsForm(data, prefix=prefix)


def _save(form, *, actor):
    services.process_steps_save(steps=form.step_data, actor=actor)


SECTION = SetupSection(
    key="process",
    title=_("The steps of the process"),
    order=40,
    form=_form,
    save=_save,
    template="initiatives/setup/_process_steps.html",
)
