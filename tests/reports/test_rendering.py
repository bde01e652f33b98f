"""Each report made from the demo data: its text, figures, pages, metadata and fonts."""

import io
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.utils import translation
from pypdf import PdfReader

from actors import i18n
from prioritization.models import RoundResult
from reports import services
from reports.choices import ReportKind, ReportStatus
from reports.rendering import LocalOnlyFetcher, _assets, render_html
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def read(report):
    reader = PdfReader(io.BytesIO(report.file.read()))
    report.file.close()
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"[\u00a0\u202f ]+", " ", text)


def structure(reader) -> tuple[Counter, list]:
    """The tagged structure: how many elements of each type, and each figure's alternative text."""
    kinds, figures = Counter(), []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        kind = node.get("/S")
        if kind is not None:
            kinds[str(kind)] += 1
            if kind == "/Figure":
                figures.append(node.get("/Alt"))
        children = node.get("/K")
        for child in children if isinstance(children, list) else [children]:
            if hasattr(child, "get_object"):
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return kinds, figures


def assert_tagged(reader, *, language: str, title: str) -> None:
    """A PDF a screen reader can follow: headings, tables and figures with their text, its
    language, and its title shown in the viewer's title bar."""
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == title
    kinds, figures = structure(reader)
    assert kinds["/H1"] >= 3 and kinds["/H2"] >= 1 and kinds["/Table"] >= 2, kinds
    assert kinds["/TH"] and kinds["/TD"] and kinds["/Caption"]
    assert figures and all(figures), figures  # every chart is described


def make(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(**kwargs)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.failure_reason
    return report


def test_initiative_report_in_swedish(completed, coordinator, django_capture_on_commit_callbacks):
    report = make(
        django_capture_on_commit_callbacks,
        kind=ReportKind.INITIATIVE,
        initiative=completed,
        language="sv",
        actor=coordinator,
    )
    reader, text = read(report)
    for heading in (
        "Utvärderingsrapport",
        "Innehåll",
        "Sammanfattning",
        "Behovet och underlaget",
        "Beslutet",
        "Finansiering",
        "Uppföljningar över tid",
        "Utfall och indikatorer",
        "Utvärderingen",
        "Processlogg",
    ):
        assert heading in text, heading
    assert completed.title_sv in text
    assert (
        f"{completed.budget:,.0f}".replace(",", " ") in text
    )  # the budget, grouped the Swedish way
    assert completed.evaluation.lessons_sv in text
    assert "”" in text and "“" not in text  # residents' words quoted the Swedish way
    assert f"Sida 2 av {len(reader.pages)}" in text
    assert 5 <= len(reader.pages) <= 30
    assert report.pages == len(reader.pages)
    assert reader.metadata.author
    assert_tagged(reader, language="sv", title=f"Utvärderingsrapport: {completed.title_sv}")
    assert reader.outline  # bookmarks from the headings


def test_initiative_report_in_english(completed, coordinator, django_capture_on_commit_callbacks):
    report = make(
        django_capture_on_commit_callbacks,
        kind=ReportKind.INITIATIVE,
        initiative=completed,
        language="en",
        actor=coordinator,
    )
    reader, text = read(report)
    for heading in (
        "Evaluation report",
        "Contents",
        "The need and its evidence",
        "Funding",
        "Process log",
    ):
        assert heading in text, heading
    assert i18n.translation(completed.translations, "en", "title") in text
    assert f"{completed.budget:,.0f}" in text
    assert i18n.translation(completed.evaluation.translations, "en", "findings") in text
    assert "“" in text  # residents' words quoted the English way
    assert f"Page 2 of {len(reader.pages)}" in text
    title = i18n.translation(completed.translations, "en", "title")
    assert_tagged(reader, language="en", title=f"Evaluation report: {title}")


def test_period_report_in_english(demo, coordinator, django_capture_on_commit_callbacks):
    held = Workshop.objects.filter(status="held").order_by("starts_at")
    start, end = held.first().date, held.last().date
    report = make(
        django_capture_on_commit_callbacks,
        kind=ReportKind.PERIOD,
        start=start,
        end=end,
        language="en",
        actor=coordinator,
    )
    reader, text = read(report)
    for heading in (
        "Period report",
        "The period in figures",
        "Workshops and attendance",
        "Needs prioritised",
        "Initiatives and what they reached",
        "Money",
        "Indicator trends",
        "Lessons from evaluations",
    ):
        assert heading in text, heading
    assert_tagged(reader, language="en", title=f"Period report: {start} – {end}")
    # The figures' heading is not repeated as their table's caption.
    assert re.search(r"The period in figures\s+Key figures\s+Figure", text)
    assert not re.search(r"The period in figures\s+The period in figures", text)
    # Paid in beyond what was pledged in the period is explained.
    assert "So a funder can have paid in more than it pledged in the period" in text
    assert re.search(rf"Workshops held\s+{held.count()}\b", text)
    assert "Folkets Husby" in text
    # A need of a round closed in the period, by its English title (a cell may wrap it).
    result = (
        RoundResult.objects.filter(round__closed_at__date__range=(start, end))
        .select_related("need")
        .first()
    )
    if result:
        with translation.override("en"):
            assert result.need.title in " ".join(text.split())
    assert 4 <= len(reader.pages) <= 60
    # Fonts come from static/fonts, embedded as subsets.
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert any("Report-Sans" in name for name in fonts), fonts


@pytest.mark.parametrize(
    ("language", "direction", "headings", "font"),
    [
        ("ar", "rtl", ("تقرير التقييم", "المحتويات", "التمويل"), "Sans"),
        ("ti", "ltr", ("ጸብጻብ ገምጋም",), "Noto-Sans-Ethiopic"),
    ],
)
def test_a_report_in_arabic_or_tigrinya_reads_as_it_was_written(
    completed, coordinator, django_capture_on_commit_callbacks, language, direction, headings, font
):
    report = make(
        django_capture_on_commit_callbacks,
        kind=ReportKind.INITIATIVE,
        initiative=completed,
        language=language,
        actor=coordinator,
    )
    data = services.report_data(kind="initiative", initiative_id=completed.pk, language=language)
    assert f'<html lang="{language}" dir="{direction}">' in render_html(data)
    reader, text = read(report)
    assert reader.trailer["/Root"]["/Lang"] == language
    # The words copy out of the PDF in the order they are read.
    for heading in headings:
        assert heading in text, heading
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any(font in name for name in fonts), fonts
    assert not any("Naskh" in name for name in fonts), fonts  # see reports/static/reports/pdf.css


def test_the_fetcher_refuses_the_network_and_files_outside_static(tmp_path):
    fetcher, _faces, stylesheet = _assets()
    assert isinstance(fetcher, LocalOnlyFetcher)
    for url in ("https://example.org/font.ttf", "http://127.0.0.1/x.css", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.fetch(stylesheet.as_uri()).read()


class Captions(HTMLParser):
    """Each table caption with the heading it sits under."""

    def __init__(self, html: str):
        super().__init__()
        self.pairs, self.heading, self.inside, self.text = [], None, None, ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "caption"):
            self.inside, self.text = tag, ""

    def handle_data(self, data):
        if self.inside:
            self.text += data

    def handle_endtag(self, tag):
        if tag == self.inside:
            text = " ".join(self.text.split())
            if tag == "caption":
                self.pairs.append((self.heading, text))
            else:
                self.heading = text
            self.inside = None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_table_is_captioned_with_the_heading_above_it(completed, language):
    for kind, options in (
        ("initiative", {"initiative_id": completed.pk}),
        ("period", {"start": completed.starts_on, "end": completed.ends_on}),
    ):
        data = services.report_data(kind=kind, language=language, **options)
        with translation.override(language):
            pairs = Captions(render_html(data)).pairs
        assert pairs and [pair for pair in pairs if pair[0] == pair[1]] == [], kind
