"""The Swedish the portal shows: one word for one thing (e-post), statuses a Swede would write,
and django-allauth's own strings worded the portal's way."""

import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from focusgroups.choices import ConsultationStatus
from initiatives.choices import InitiativeStep
from newsletter.choices import DeliveryStatus
from prioritization.choices import InterventionStatus, NeedStatus
from reports.choices import ReportStatus
from tests.factories import translated
from tests.focusgroups.factories import InsightFactory
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import FocusAreaFactory, NeedFactory
from tests.reports.conftest import stored_report
from tests.test_catalogues import catalogue_entries
from tests.workshops.factories import WorkshopFactory
from workshops.choices import MinutesState, SuggestionStatus

OVERRIDES = Path(settings.BASE_DIR) / "locale" / "allauth" / "sv" / "LC_MESSAGES" / "django.po"
ALLAUTH = Path(allauth.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "django.po"
# Placeholders and addresses may say "email"; the Swedish words around them may not.
NOT_WORDS = re.compile(r"%\(\w+\)[sd]|\{\w+\}|mailto:|https?://\S+|\w+\(ENTER\)")
OTHER_WORDS_FOR_E_MAIL = re.compile(r"\b[Ee]post|[Mm]ejl|[Mm]ail")
# Swedish quotes ”like this”, with the right-hand mark on both sides; English “like this”.
ENGLISH_OPENING_QUOTE = "\u201c"
SWEDISH_QUOTE = "\u201d"


def swedish_texts():
    for path in settings.LOCALE_PATHS:
        po_file = Path(path) / "sv" / "LC_MESSAGES" / "django.po"
        if po_file.exists():
            for msgid, msgstr in catalogue_entries(po_file).items():
                for text in msgstr if isinstance(msgstr, tuple) else (msgstr,):
                    yield po_file, msgid, text


def test_e_mail_is_e_post_in_every_catalogue():
    found = [
        (str(po_file), text)
        for po_file, _msgid, text in swedish_texts()
        if OTHER_WORDS_FOR_E_MAIL.search(NOT_WORDS.sub("", text))
    ]
    assert found == []


def test_swedish_quotes_with_right_hand_marks_on_both_sides():
    found = [
        (str(po_file), text)
        for po_file, _msgid, text in swedish_texts()
        if ENGLISH_OPENING_QUOTE in text
    ]
    assert found == []


def test_what_english_quotes_swedish_quotes_too():
    unquoted = [
        (str(po_file), text)
        for po_file, msgid, text in swedish_texts()
        if ENGLISH_OPENING_QUOTE in str(msgid) and SWEDISH_QUOTE not in text
    ]
    assert unquoted == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "quoted"),
    [
        ("sv", "”Efter sju finns ingenstans att vara.”"),
        ("en", "“After seven there is nowhere to go.”"),
    ],
)
def test_residents_words_are_quoted_as_the_language_does(client, language, quoted):
    insight = translated(
        InsightFactory(kind="quote", text_sv="Efter sju finns ingenstans att vara."),
        text="After seven there is nowhere to go.",
    )
    need, area = NeedFactory(), FocusAreaFactory()
    need.insights.add(insight)
    area.insights.add(insight)
    initiative = InitiativeFactory(step="completed")
    initiative.needs.add(need)
    for page in (need, area, initiative):
        with translation.override(language):
            url = page.get_absolute_url()
        assert quoted in client.get(url).content.decode()


def test_every_allauth_string_worded_here_is_still_one_allauth_uses():
    ours = set(catalogue_entries(OVERRIDES))
    assert ours and ours <= set(catalogue_entries(ALLAUTH))


def test_every_allauth_string_that_words_e_mail_otherwise_is_worded_here():
    ours = set(catalogue_entries(OVERRIDES))
    theirs = [
        msgid
        for msgid, msgstr in catalogue_entries(ALLAUTH).items()
        if any(
            OTHER_WORDS_FOR_E_MAIL.search(NOT_WORDS.sub("", text))
            for text in (msgstr if isinstance(msgstr, tuple) else (msgstr,))
        )
    ]
    assert theirs and [msgid for msgid in theirs if msgid not in ours] == []


@pytest.mark.django_db
def test_the_login_error_says_e_postadress(client):
    response = client.post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "wrong-password"}
    )
    assert "E-postadressen eller lösenordet stämmer inte." in response.content.decode()


@pytest.mark.django_db
def test_the_login_page_offers_to_sign_up_in_words_that_say_so(client):
    page = client.get(reverse("account_login")).content.decode()
    assert f'Har du inget konto än? Då kan du <a href="{reverse("account_signup")}' in page


@pytest.mark.parametrize(
    ("choice", "swedish"),
    [
        (ConsultationStatus.ASKED, "Obesvarad"),
        (NeedStatus.MET, "Tillgodosett"),
        (InterventionStatus.CANDIDATE, "Tänkbar"),
        (InterventionStatus.SET_ASIDE, "Lagd åt sidan"),
        (NeedStatus.SET_ASIDE, "Lagt åt sidan"),
        (InitiativeStep.WITHDRAWN, "Tillbakadragen"),
        (DeliveryStatus.FAILED, "Misslyckat"),
        (DeliveryStatus.SKIPPED, "Överhoppat (avregistrerad före utskicket)"),
        (ReportStatus.FAILED, "Misslyckad"),
        (MinutesState.PUBLISHED, "Publicerade"),  # shown after "minnesanteckningar:"
        (SuggestionStatus.TAKEN_UP, "Upptaget"),
    ],
)
def test_statuses_read_as_a_swede_writes_them(choice, swedish):
    with translation.override("sv"):
        assert str(choice.label) == swedish


@pytest.mark.django_db
def test_a_workshops_minutes_state_is_named_with_the_minutes(client):
    WorkshopFactory(status="held", minutes_state="published", theme_sv="Trygghet")
    page = client.get(reverse("workshops:list")).content.decode()
    assert "Genomförd · minnesanteckningar: publicerade" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "phrase"), [("sv", "på svenska"), ("en", "på engelska")])
def test_the_report_link_names_its_language_in_a_phrase(client, language, phrase):
    initiative = InitiativeFactory(step="completed")
    report = stored_report(initiative, published=True)
    report.language = language
    report.save()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert f"Utvärderingsrapporten (PDF, {phrase})" in page
