"""Which msgids do the portal's catalogues translate differently?

Django merges the catalogues of settings.LOCALE_PATHS and the first one listed wins, so a msgid
that two catalogues translate differently silently shows one app's wording on the other's pages.
Each catalogue is compiled with msgfmt (as compilemessages does: fuzzy entries left out) and read
back with the standard library, so the comparison sees exactly what Django looks up.
"""

import gettext
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from django.conf import settings


def catalogue_entries(po_file: Path) -> dict:
    """msgid -> msgstr of one .po file as Django sees it once compiled.

    A key is the msgid, "context\\x04msgid" for pgettext, or ("plural", msgid) with the tuple of
    plural forms as its value. The header is left out.
    """
    with tempfile.TemporaryDirectory() as tmp:
        mo_file = Path(tmp) / "django.mo"
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(mo_file), str(po_file)],
            check=True,
            capture_output=True,
        )
        with mo_file.open("rb") as fh:
            catalog = gettext.GNUTranslations(fh)._catalog
    entries, plurals = {}, defaultdict(dict)
    for key, text in catalog.items():
        if isinstance(key, tuple):  # (msgid, index of the plural form)
            plurals[key[0]][key[1]] = text
        elif key:  # "" is the header
            entries[key] = text
    for msgid, forms in plurals.items():
        entries[("plural", msgid)] = tuple(forms[i] for i in sorted(forms))
    return entries


def conflicting_msgids(language: str) -> dict:
    """{msgid: {catalogue: msgstr}} for each msgid the catalogues translate in more than one way."""
    seen = defaultdict(dict)
    for path in settings.LOCALE_PATHS:
        po_file = Path(path) / language / "LC_MESSAGES" / "django.po"
        if po_file.exists():
            for msgid, msgstr in catalogue_entries(po_file).items():
                seen[msgid][str(po_file)] = msgstr
    return {
        msgid: translations
        for msgid, translations in seen.items()
        if len(set(translations.values())) > 1
    }


def test_the_catalogues_agree():
    assert conflicting_msgids("sv") == {}
