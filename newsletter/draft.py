"""The automatic draft: what happened since the last edition, collected from the other apps.

An app that has news for residents gives itself a `digest.py` with
`items(*, since) -> list[dict]`, each dict with "kind", "title", "text" and "url". The newsletter
imports nothing from those apps; it finds them by name, in PORTAL_APPS order.
"""

import logging
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from . import links

logger = logging.getLogger(__name__)


def digest_modules() -> list:
    modules = []
    for app in settings.PORTAL_APPS:
        name = f"{app}.digest"
        try:
            modules.append(import_module(name))
        except ModuleNotFoundError as error:
            if error.name not in (name, app):
                raise
    return modules


def collect_items(*, since: datetime) -> list[dict]:
    """Every app's items in the active language; an app whose digest fails is left out, logged."""
    items = []
    for module in digest_modules():
        try:
            found = module.items(since=since)
        except Exception:
            logger.exception("The digest of %s failed; the draft goes on without it", module)
            continue
        for item in found or []:
            if item.get("title"):
                items.append(item)
    return items


def compose(*, since: datetime, language: str) -> tuple[str, str]:
    """Subject and Markdown body of the draft in one language."""
    with translation.override(language):
        date = formats.date_format(since, "j F Y")
        items = collect_items(since=since)
        subject = _("News since %(date)s") % {"date": date}
        if not items:
            body = _(
                "**Nothing new has been recorded in the portal since %(date)s.** "
                "Write what you want to tell residents here, or wait until there is news."
            ) % {"date": date}
            return subject, body
        lines = [_("Here is what has happened since %(date)s.") % {"date": date}, ""]
        by_kind: dict[str, list[dict]] = {}
        for item in items:
            by_kind.setdefault(str(item.get("kind") or _("News")), []).append(item)
        for kind, kind_items in by_kind.items():
            lines += [f"## {kind}", ""]
            for item in kind_items:
                title = " ".join(str(item["title"]).split())
                url = item.get("url")
                entry = f"- [{title}]({links.absolute(url)})" if url else f"- {title}"
                text = " ".join(str(item.get("text") or "").split())
                lines.append(f"{entry}: {text}" if text else entry)
            lines.append("")
        return subject, "\n".join(lines).strip() + "\n"
