"""HTML to PDF with WeasyPrint: A4, the shipped fonts, and nothing fetched from the network.

`render_html` fills the report's template from its data; `html_to_pdf` lays it out. The bench
times the second alone as the floor of what a report can cost.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import charts

FONTS = {
    ("normal", "normal"): "fonts/DejaVuSans.ttf",
    ("bold", "normal"): "fonts/DejaVuSans-Bold.ttf",
    ("normal", "italic"): "fonts/DejaVuSans-Oblique.ttf",
}
# Ethiopic (Tigrinya) letters, which DejaVu Sans lacks, and Arabic ones it may lack: pdf.css names
# these families after "Report Sans" (and says why Arabic stays in DejaVu Sans first).
SCRIPT_FONTS = {
    ("Noto Naskh Arabic", "normal"): "fonts/noto-naskh-arabic-arabic-400-normal.woff2",
    ("Noto Naskh Arabic", "bold"): "fonts/noto-naskh-arabic-arabic-700-normal.woff2",
    ("Noto Sans Ethiopic", "normal"): "fonts/noto-sans-ethiopic-ethiopic-400-normal.woff2",
    ("Noto Sans Ethiopic", "bold"): "fonts/noto-sans-ethiopic-ethiopic-700-normal.woff2",
}
STYLESHEET = "reports/pdf.css"


class LocalOnlyFetcher(URLFetcher):
    """Fetches files from the static folders and data: URIs; refuses every other address."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)
        self.roots = roots

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"Refused to read {url}: outside the static folders")
        elif parts.scheme != "data":
            raise ValueError(f"Refused to fetch {url}: reports never use the network")
        return super().fetch(url, headers)


def _static(path: str) -> Path:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} is missing")
    return Path(found).resolve()


@cache
def _assets() -> tuple[LocalOnlyFetcher, str, Path]:
    fonts = {key: _static(path) for key, path in FONTS.items()}
    script_fonts = {key: _static(path) for key, path in SCRIPT_FONTS.items()}
    font_faces = "\n".join(
        [
            f'@font-face {{ font-family: "Report Sans"; font-weight: {weight};'
            f' font-style: {style}; src: url("{path.as_uri()}"); }}'
            for (weight, style), path in fonts.items()
        ]
        + [
            f'@font-face {{ font-family: "{family}"; font-weight: {weight};'
            f' src: url("{path.as_uri()}") format("woff2"); }}'
            for (family, weight), path in script_fonts.items()
        ]
    )
    stylesheet = _static(STYLESHEET)
    roots = tuple(
        {path.parent for path in [*fonts.values(), *script_fonts.values()]} | {stylesheet.parent}
    )
    return LocalOnlyFetcher(roots), font_faces, stylesheet


@dataclass
class Rendered:
    pdf: bytes
    pages: int


def render_html(data: dict, *, generated_at=None) -> str:
    """The report's HTML in the language active now (the caller chooses it)."""
    generated_at = generated_at or timezone.now()
    kind = data["kind"]
    figures = charts.initiative_charts(data) if kind == "initiative" else charts.period_charts(data)
    return render_to_string(
        f"pdf/{kind}.html",
        {
            "data": data,
            "tables": {t["name"].removesuffix(".csv"): t for t in data["tables"]},
            "charts": figures,
            "generated_at": generated_at,
            "page_label": _("Page"),
            "of_label": _("of"),
        },
    )


def html_to_pdf(html: str) -> Rendered:
    """Lay the HTML out on A4 pages and write the PDF (with the metadata the HTML names)."""
    fetcher, font_faces, stylesheet = _assets()
    font_config = FontConfiguration()
    document = HTML(
        string=html, base_url=stylesheet.parent.as_uri() + "/", url_fetcher=fetcher
    ).render(
        stylesheets=[
            CSS(string=font_faces, font_config=font_config, url_fetcher=fetcher),
            CSS(filename=str(stylesheet), font_config=font_config, url_fetcher=fetcher),
        ],
        font_config=font_config,
    )
    # PDF/UA-1: a tagged structure tree (headings, tables, figures), the language of the
    # <html> element and the <title> shown as the window title, for screen readers.
    return Rendered(pdf=document.write_pdf(pdf_variant="pdf/ua-1"), pages=len(document.pages))


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name
