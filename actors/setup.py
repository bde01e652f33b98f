"""The set-up page (/setup/): where the administrator makes the portal the collaboration's own
from the browser, on first run and after, with no developer.

The page is a list of sections, each a form with a save of its own (one POST address a section,
`actors:setup_section`), so a section with a mistake comes back alone with its messages while the
others keep what is saved. A section is a `SetupSection`:

- `key`: its address and anchor, and the `section` of the event its save records;
- `title` and `order` (actors' own sections are 10 and 20; leave gaps);
- `form(data, files, *, user, prefix)`: its form, bound when data is given (None on the page's
  GET), with the prefix it is given (the key), so that fields of two sections never clash;
- `save(form, *, actor)`: calls the app's service, which writes the change and its event;
- `template`: the partial that renders the form, `actors/setup/_section.html` (a crispy form and
  a save button) unless the section needs more; it is given `section` and `form`.

An app above actors (districts, the process's steps, the meetings' cadence) adds its section from
its `AppConfig.ready()` with `register(SetupSection(...))`: actors never imports it, as the
floors of the house require.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import CollaborationForm, DistrictFormSet, LookForm
from .i18n import SOURCE, language_name, language_tag, offered_languages
from .models import District, SiteSettings


@dataclass(frozen=True)
class SetupSection:
    key: str
    title: str
    order: int
    form: Callable[..., forms.BaseForm]
    save: Callable[..., None]
    template: str = "actors/setup/_section.html"


_sections: dict[str, SetupSection] = {}


def register(section: SetupSection) -> None:
    """Add a section to the set-up page; registering a key again replaces its section."""
    _sections[section.key] = section


def sections() -> list[SetupSection]:
    return sorted(_sections.values(), key=lambda section: section.order)


def section(key: str) -> SetupSection:
    """The section with the key; LookupError when there is none."""
    return _sections[key]


def _collaboration_form(data, files, *, user, prefix):
    return CollaborationForm(data, instance=SiteSettings.current(), prefix=prefix)


def _look_form(data, files, *, user, prefix):
    return LookForm(data, files, instance=SiteSettings.current(), uploader=user, prefix=prefix)


def _save_collaboration(form, *, actor):
    services.collaboration_set_up(
        site=form.save(commit=False), section="collaboration", actor=actor
    )


def _save_look(form, *, actor):
    services.collaboration_set_up(
        site=form.save(commit=False),
        section="look",
        logo=form.cleaned_data["logo"],
        remove_logo=form.cleaned_data["remove_logo"],
        actor=actor,
    )


register(
    SetupSection(
        "collaboration",
        _("The collaboration"),
        10,
        _collaboration_form,
        _save_collaboration,
    )
)
register(SetupSection("look", _("Logo and colours"), 20, _look_form, _save_look))


def _districts_form(data, files, *, user, prefix):
    formset = DistrictFormSet(data, queryset=District.objects.all(), prefix=prefix)
    formset.translation_languages = [
        (code, language_name(code), language_tag(code))
        for code in offered_languages()
        if code != SOURCE
    ]
    return formset


def _save_districts(formset, *, actor):
    services.districts_save(
        districts=[form.save(commit=False) for form in formset.forms if form.has_changed()],
        actor=actor,
    )


register(
    SetupSection(
        "districts",
        _("Districts"),
        30,
        _districts_form,
        _save_districts,
        template="actors/setup/_districts.html",
    )
)
