"""A wide table scrolls in a region of its own that is named by its caption and takes focus."""

import re

from django.template import Context, Template
from django.test import RequestFactory

TWO_TABLES = Template(
    "{% load tables %}"
    '{% scroll_table caption table_class="table table-sm" caption_class="visually-hidden" %}'
    "<tbody><tr><td>1</td></tr></tbody>{% endscroll_table %}"
    "{% scroll_table 'Pengar per finansiär' %}"
    "<tbody><tr><td>2</td></tr></tbody>{% endscroll_table %}"
)


def render(**context) -> str:
    return TWO_TABLES.render(Context({"request": RequestFactory().get("/"), **context}))


def test_it_puts_the_table_in_a_focusable_region_named_by_its_caption():
    html = render(caption="Behov & data")
    regions = re.findall(
        r'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="([\w-]+)">', html
    )
    captions = re.findall(r'<caption id="([\w-]+)"[^>]*>([^<]*)</caption>', html)
    assert regions == [caption_id for caption_id, _text in captions]
    assert len(set(regions)) == 2
    assert [text for _id, text in captions] == ["Behov &amp; data", "Pengar per finansiär"]
    assert '<table class="table table-sm">' in html and '<table class="table">' in html
    assert 'class="visually-hidden">Behov' in html
    assert "<tbody><tr><td>1</td></tr></tbody>" in html
    # Shown by static/js/tables.js while the table is wider than its region.
    assert html.count("Rulla i sidled för att se hela tabellen.") == 2


def test_it_gives_the_same_page_the_same_ids_every_time():
    # The page cache and the HTML checker see one page, not a new one for each request.
    assert render(caption="Behov") == render(caption="Behov")
