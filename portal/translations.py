"""Coordinators' pages for translating what the collaboration writes for the public: which
texts lack which language or are older than their Swedish source, and one thing's texts
translated into one language beside their Swedish source (`actors.translations`)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import format_lazy
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from actors.choices import PortalRole
from actors.fields import LabelFormField
from actors.i18n import SOURCE, language_name, language_tag, offered_languages
from actors.permissions import role_required
from actors.translations import (
    State,
    field_translations,
    label_of,
    translatable,
    translation_overview,
    translation_refused,
    translation_save,
)

# The first gaps of each kind are listed; the rest come up as those are filled.
GAPS_SHOWN = 25
STATE_LABELS = {
    State.MISSING: gettext_lazy("Not translated"),
    State.STALE: gettext_lazy("Older than the Swedish text"),
    State.CURRENT: gettext_lazy("Up to date"),
}


def _translation_languages() -> list[str]:
    return [code for code in offered_languages() if code != SOURCE]


def _language_of(code: str | None) -> str:
    """The language asked for, when the collaboration translates into it."""
    languages = _translation_languages()
    if code in languages:
        return code
    if code is None and languages:
        return languages[0]
    raise Http404


@role_required(PortalRole.COORDINATOR)
def overview(request):
    languages = _translation_languages()
    language = _language_of(request.GET.get("language")) if languages else None
    kinds = translation_overview(language, languages) if language else []
    return render(
        request,
        "portal/translations.html",
        {
            "language": language,
            "language_label": language_name(language) if language else "",
            "language_rows": [_language_row(code, kinds) for code in languages],
            "kinds": [_kind_row(kind) for kind in kinds if kind.gaps],
            "shown": GAPS_SHOWN,
        },
    )


def _language_row(code: str, kinds) -> dict:
    """A language with the number of things in each state, over every kind."""
    row = {"code": code, "name": language_name(code)}
    for state in State:
        row[state.name.lower()] = sum(kind.counts[code][state] for kind in kinds)
    return row


def _kind_row(kind) -> dict:
    """A kind with its first gaps: (key, label, state's label, whether stale)."""
    gaps = [
        (gap.instance.pk, gap.label, STATE_LABELS[gap.state], gap.state == State.STALE)
        for gap in kind.gaps[:GAPS_SHOWN]
    ]
    return {"key": kind.key, "label": kind.label, "count": len(kind.gaps), "gaps": gaps}


class TranslationForm(forms.Form):
    """One thing's texts in one language, each field beside its Swedish source."""

    def __init__(self, *args, instance, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = field_translations(instance, language)
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        for text in self.texts:
            source = instance._meta.get_field(f"{text.name}_{SOURCE}")
            one_line = isinstance(source.formfield(), LabelFormField)
            field_class = LabelFormField if one_line else forms.CharField
            self.fields[text.name] = field_class(
                label=format_lazy("{} ({})", source.text_label, language_name(language)),
                max_length=source.max_length,
                required=False,
                initial=text.text,
                widget=forms.TextInput if one_line else forms.Textarea(attrs={"rows": 5}),
            )
            self.fields[text.name].widget.attrs.update(
                {"lang": language_tag(language), "dir": direction, "class": "form-control"}
            )
            self.fields[text.name].text_label = source.text_label

    def rows(self):
        """Each text's Swedish source, state and field, in order."""
        rows = []
        for text in self.texts:
            field = self[text.name]
            if field.errors:
                field.field.widget.attrs.update(
                    {
                        "class": "form-control is-invalid",
                        "aria-describedby": f"{field.auto_id}_error",
                    }
                )
            rows.append((text, STATE_LABELS[text.state], field))
        return rows


@role_required(PortalRole.COORDINATOR)
def translate(request, model, pk, language):
    if language not in _translation_languages():
        raise Http404
    try:
        instance = translatable(model, pk)
    except LookupError as error:
        raise Http404 from error
    refused = translation_refused(instance)
    form = TranslationForm(request.POST or None, instance=instance, language=language)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            translation_save(
                instance=instance, language=language, texts=form.cleaned_data, actor=request.user
            )
        except ValidationError as error:  # sent while the translator was writing
            refused = " ".join(error.messages)
        else:
            messages.success(request, _("The translation was saved."))
            back = request.POST.get("next", "")
            if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
                back = ""
            return redirect(back or request.path)
    return render(
        request,
        "portal/translation_form.html",
        {
            "form": form,
            "instance": instance,
            "label": label_of(instance),
            "kind": instance._meta.verbose_name,
            "language": language,
            "language_label": language_name(language),
            "language_tag": language_tag(language),
            "other_languages": [
                (code, language_name(code)) for code in _translation_languages() if code != language
            ],
            "model": model,
            "refused": refused,
            "next": request.GET.get("next", ""),
        },
    )
