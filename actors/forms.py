from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .choices import MembershipRole
from .contrast import shown_ratio
from .i18n import LanguagesCheckboxes, language_name
from .images import reencode_image
from .look import Look, contrast_failures
from .models import District, Goal, GovernanceBody, Organisation, Principle, SiteSettings


def bot_trap() -> forms.CharField:
    """A field people never see (the template hides it); bots that fill every field give
    themselves away. Forms that carry it as `website` mix in BotTrap."""
    return forms.CharField(
        label=_("Leave this field empty"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class BotTrap:
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())


class LogoForm(forms.Form):
    """A logo upload, re-encoded before anything keeps it (`actors.images`), or its removal.
    Mixed into the model forms of things with a `logo`."""

    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args, uploader, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploader = uploader

    def clean_logo(self):
        upload = self.files.get(self.add_prefix("logo"))
        return reencode_image(upload, uploader=self.uploader) if upload else None


LOGO_INPUT = forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"})


class OrganisationForm(LogoForm, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description_sv",
            "website",
            "contact_email",
            "logo",
        ]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 5}),
            "logo": LOGO_INPUT,
        }


class OrganisationAdminForm(OrganisationForm):
    """What a coordinator may change beyond a member's own fields."""

    class Meta(OrganisationForm.Meta):
        fields = [*OrganisationForm.Meta.fields, "joined", "active"]
        widgets = {
            **OrganisationForm.Meta.widgets,
            "joined": forms.DateInput(attrs={"type": "date"}),
        }


class MembershipAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody with this e-mail address has an account. Ask them to sign up first.")
            )
        self.cleaned_data["user"] = user
        return email


class MissionForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = ["mission_sv"]
        widgets = {
            "mission_sv": forms.Textarea(attrs={"rows": 4}),
        }


class SiteSettingsForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages offered"),
        widget=LanguagesCheckboxes,
        required=False,
        help_text=_(
            "The language switch, the pages' addresses and the choice of language for e-mails "
            "offer these. Swedish is always offered."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (code, language_name(code)) for code, _name in settings.LANGUAGES
        ]
        self.initial["languages"] = self.instance.offered_languages

    def clean_languages(self) -> list[str]:
        chosen = set(self.cleaned_data["languages"]) | {settings.LANGUAGE_CODE}
        return [code for code, _name in settings.LANGUAGES if code in chosen]

    class Meta:
        model = SiteSettings
        fields = [
            "name_sv",
            "short_name",
            "area",
            "council_name",
            "tagline_sv",
            "contact_email",
            "step_limit_days",
            "follow_up_every_days",
            "languages",
        ]


def charter_formset(model, fields, prefix):
    """An editable, orderable list of charter items; a ticked box deletes one."""
    formset_class = forms.modelformset_factory(
        model,
        fields=["position", *fields],
        extra=1,
        can_delete=True,
        widgets={
            f: forms.Textarea(attrs={"rows": 3}) for f in fields if f.startswith(("body", "role"))
        },
    )
    return formset_class, prefix


PRINCIPLES = charter_formset(Principle, ["title_sv", "body_sv"], "principles")
GOALS = charter_formset(Goal, ["title_sv", "body_sv"], "goals")
BODIES = charter_formset(
    GovernanceBody,
    ["kind", "name_sv", "role_sv", "meets_sv", "organisation"],
    "bodies",
)


class CollaborationForm(SiteSettingsForm):
    """Who the collaboration is, on the set-up page."""

    class Meta(SiteSettingsForm.Meta):
        fields = ["name_sv", "short_name", "area", "council_name", "languages", "contact_email"]


class LookForm(LogoForm, forms.ModelForm):
    """The collaboration's logo and colours. Refused while a pair of colours that people read
    one on the other falls short of WCAG AA."""

    class Meta:
        model = SiteSettings
        fields = [
            "logo",
            "primary_colour",
            "button_text_colour",
            "header_background",
            "header_text_colour",
        ]
        widgets = {"logo": LOGO_INPUT}

    def clean(self):
        cleaned = super().clean()
        fields = {
            "primary": "primary_colour",
            "button_text": "button_text_colour",
            "header_background": "header_background",
            "header_text": "header_text_colour",
        }
        if any(name in self.errors for name in fields.values()):
            return cleaned
        look = Look(**{colour: cleaned[name] for colour, name in fields.items()})
        for pair, ratio in contrast_failures(look):
            self.add_error(
                fields[pair.foreground],
                _(
                    "%(pair)s: the contrast is %(ratio)s:1, and at least 4.5:1 is needed for "
                    "everyone to read it. Choose a darker or a lighter colour."
                )
                % {"pair": pair.label, "ratio": shown_ratio(ratio)},
            )
        return cleaned


class DistrictForm(forms.ModelForm):
    """One district: its name and description in Swedish (their translations are made on the
    translation page), its short address and its place in the order."""

    class Meta:
        model = District
        fields = ["position", "name_sv", "slug", "description_sv"]
        widgets = {"description_sv": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "slug": _(
                "Used in the address of a page read for the district (?district=…). Left "
                "empty, it is made from the name."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


# Districts are added and changed, never deleted here: needs, initiatives and workshops keep
# pointing at theirs (the key protects them).
DistrictFormSet = forms.modelformset_factory(District, form=DistrictForm, extra=1)
