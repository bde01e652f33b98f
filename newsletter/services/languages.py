"""Which text of an edition each language's subscribers get, and the rule that keeps an edition
from going out in a translation older than its Swedish text unless the coordinator chose so.

A translation made from an earlier Swedish text is stale (`actors.translations`): an English
subject once went out that no longer said what the Swedish one did. Subscribers of a language
without a translation get the Swedish text; of a language whose translation is current, the
translation; of a stale one, what the coordinator chose when sending (`StaleChoice`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from actors.i18n import SOURCE, language_name, language_tag, offered_languages
from actors.translations import State, state_of

from ..choices import StaleChoice
from ..models import Edition


class StaleTranslations(ValidationError):
    """Sending was asked without a choice for each language whose translation is stale."""

    def __init__(self, languages: list[str]):
        self.languages = languages
        names = ", ".join(language_name(code) for code in languages)
        super().__init__(
            _(
                "The translation into %(languages)s is older than the Swedish text. Choose for "
                "each of these languages whether its subscribers get the older translation or "
                "the Swedish text."
            )
            % {"languages": names}
        )


@dataclass(frozen=True)
class LanguageState:
    """One language's subscribers among an edition's recipients and its translation's state."""

    code: str
    recipients: int
    state: State | None  # None: the edition has no text to translate

    @property
    def name(self) -> str:
        return language_name(self.code)

    @property
    def tag(self) -> str:
        return language_tag(self.code)

    @property
    def status(self) -> str:
        """ "current", "stale" or "missing", for a page to say."""
        return (self.state or State.MISSING).name.lower()

    @property
    def gets(self) -> str:
        """The language whose text these subscribers get unless a choice says otherwise."""
        return self.code if self.state in (State.CURRENT, State.STALE) else SOURCE


def recipients_by_language(recipients) -> dict[str, int]:
    """How many of `recipients` (a queryset of subscribers) read each language. One query."""
    counts = recipients.order_by().values("language").annotate(count=Count("pk"))
    return dict(counts.values_list("language", "count"))


def edition_languages(*, edition: Edition, recipients: dict[str, int]) -> list[LanguageState]:
    """Each language the edition is translated into, or that has recipients, but Swedish: the
    offered ones in the collaboration's order, then any a subscriber kept after it stopped being
    offered."""
    offered = offered_languages()
    codes = offered + sorted(set(recipients) - set(offered))
    return [
        LanguageState(code, recipients.get(code, 0), state_of(edition, code))
        for code in codes
        if code != SOURCE
    ]


def stale_with_recipients(*, edition: Edition, recipients: dict[str, int]) -> list[str]:
    """The languages with recipients whose translation is older than the Swedish text."""
    return [
        language.code
        for language in edition_languages(edition=edition, recipients=recipients)
        if language.recipients and language.state == State.STALE
    ]


def swedish_instead(*, stale: list[str], choices: dict[str, str]) -> list[str]:
    """The stale languages whose subscribers are to get the Swedish text; StaleTranslations when
    a stale language has no choice."""
    unchosen = [code for code in stale if choices.get(code) not in StaleChoice.values]
    if unchosen:
        raise StaleTranslations(unchosen)
    return [code for code in stale if choices[code] == StaleChoice.SWEDISH]


def edition_text_language(edition: Edition, language: str) -> str:
    """The language whose text of the edition the subscribers of `language` get: its
    translation, or the Swedish text where there is none or the sender chose Swedish."""
    if language == SOURCE or language in edition.swedish_for:
        return SOURCE
    return LanguageState(language, 0, state_of(edition, language)).gets
