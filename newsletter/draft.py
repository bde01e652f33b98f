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
from django.utils.translation import gettext_lazy

from actors.links import absolute_url

logger = logging.getLogger(__name__)

# Headings for the kinds of news the apps report, in the order a reader wants them; a kind not
# listed here gets a heading made from its name and comes before the next workshop.
KIND_HEADINGS = {
    "workshop_held": gettext_lazy("Workshops held"),
    "round_closed": gettext_lazy("Prioritisation rounds closed"),
    "need_prioritised": gettext_lazy("Needs prioritised"),
    "needs_prioritised": gettext_lazy("Needs prioritised"),
    "decision": gettext_lazy("Decisions taken"),
    "decision_taken": gettext_lazy("Decisions taken"),
    "initiative_funded": gettext_lazy("Initiatives funded"),
    "initiative_completed": gettext_lazy("Initiatives completed"),
    "workshop_next": gettext_lazy("Next workshop"),
}
LAST = ("workshop_next",)


def heading(kind: str) -> str:
    if kind in KIND_HEADINGS:
        return str(KIND_HEADINGS[kind])
    return kind.replace("_", " ").strip().capitalize() or _("News")


def _order(kind: str) -> int:
    known = list(KIND_HEADINGS)
    if kind in LAST:
        return 1000
    return known.index(kind) if kind in known else 500


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
            by_kind.setdefault(str(item.get("kind") or ""), []).append(item)
        for kind in sorted(by_kind, key=_order):
            kind_items = by_kind[kind]
            lines += [f"## {heading(kind)}", ""]
            for item in kind_items:
                title = " ".join(str(item["title"]).split())
                url = item.get("url")
                entry = f"- [{title}]({absolute_url(url)})" if url else f"- {title}"
                text = " ".join(str(item.get("text") or "").split())
                lines.append(f"{entry}: {text}" if text else entry)
            lines.append("")
        return subject, "\n".join(lines).strip() + "\n"
