from django import forms
from django.utils.translation import gettext_lazy as _

from actors.fields import TEXT
from actors.forms import BotTrap, bot_trap


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type it again to show that it is you who asks."),
    )


class BarrierForm(BotTrap, forms.Form):
    page = forms.CharField(
        label=_("Where on the site"),
        max_length=300,
        required=False,
        help_text=_("The page's address or name, if you know it."),
    )
    description = forms.CharField(
        label=_("What did not work for you?"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("If you want an answer. We use it for nothing else."),
    )
    website = bot_trap()
