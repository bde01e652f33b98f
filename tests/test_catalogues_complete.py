"""Does every catalogue translate every message the code and templates have?

A message added to the code without `make messages` is not in any catalogue, and a message whose
English changed is kept as fuzzy, which compilemessages leaves out: either way the page shows
English to a Swedish reader. The catalogues are regenerated in a copy of the source, as
`make messages` would, and must have no untranslated or fuzzy entry.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
KEPT = {".py", ".html", ".txt", ".po", ".js"}
SKIPPED = {".venv", "node_modules", ".git", "media", "tests", "bench", "__pycache__"}


def _copy_of_the_source(target: Path) -> None:
    def ignored(directory, names):
        return [
            name
            for name in names
            if name in SKIPPED or ("." in name and Path(name).suffix not in KEPT)
        ]

    shutil.copytree(ROOT, target, ignore=ignored, symlinks=True)


def _entries(po_file: Path, *flags: str) -> list[str]:
    output = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", str(po_file)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # The header is an entry with an empty msgid, and counts as neither.
    blocks = output.split("\n\n")[1:]
    return [block.strip() for block in blocks if block.strip()]


def test_every_message_is_translated_in_every_catalogue(tmp_path):
    source = tmp_path / "src"
    _copy_of_the_source(source)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--ignore=.venv",
            "--ignore=tests",
            "--ignore=bench",
            # Locale names, as the folders are called: easy Swedish's `sv-plain` is `sv_Plain`.
            *(f"--locale={to_locale(code)}" for code, _name in settings.LANGUAGES if code != "en"),
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    missing = {
        str(po_file.relative_to(source)): entries
        for po_file in sorted(source.glob("**/LC_MESSAGES/django.po"))
        if "allauth" not in po_file.parts
        if (entries := _entries(po_file, "--untranslated") + _entries(po_file, "--only-fuzzy"))
    }
    assert not missing, "Run `make messages` and translate:\n" + "\n".join(
        f"{path}:\n{entry}" for path, entries in missing.items() for entry in entries
    )
