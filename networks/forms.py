from django import forms
from django.utils.translation import gettext_lazy as _

from actors.i18n import LanguageSelect, language_choices

from .models import ContactPerson, Network, Participant


class NetworkForm(forms.ModelForm):
    """A network as the coordinators describe it; also a section of the set-up page
    (`networks/partials/_setup_networks.html`)."""

    class Meta:
        model = Network
        fields = ["name_sv", "description_sv", "district", "organisations", "active", "position"]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = self.fields["organisations"]
        organisations.queryset = organisations.queryset.filter(active=True)
        organisations.help_text = _(
            "Departments, companies and others without a page in the portal are added as "
            "participants once the network is saved."
        )


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "kind", "position"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = [
            "name",
            "role",
            "email",
            "phone",
            "organisation",
            "language",
            "consents_to_publication",
            "position",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        organisation.queryset = organisation.queryset.filter(active=True)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of e-mails"),
            choices=language_choices(),
            widget=LanguageSelect,
            help_text=_("The ideas sent to the network reach this person in this language."),
        )
