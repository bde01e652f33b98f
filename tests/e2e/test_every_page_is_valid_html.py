"""Every page each demo login reaches is valid HTML, by the W3C's Nu HTML Checker (the vnu-jar
npm package pinned in package.json; `npm ci --ignore-scripts` installs it, and it runs on the
system's Java), and has its headings in order."""

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def test_every_page_is_valid_html(demo_tour, tmp_path):
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(
            "The Nu HTML Checker needs Java and node_modules/: run scripts/ensure-system-packages "
            "and `npm ci --ignore-scripts`"
        )
    where = {}
    for number, (role, visit) in enumerate(demo_tour.pages()):
        page = tmp_path / f"{number}.html"
        page.write_text(visit.html)
        where[page.name] = f"{role} {visit.url}"
    # One Java process for every page: starting the checker costs more than checking a page.
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = [
        f"{where[message['url'].rpartition('/')[2]]} line {message.get('lastLine')}: "
        f"{message['message']} {message.get('extract', '')!r}"
        for message in json.loads(checked.stderr)["messages"]
        if message["type"] == "error"
    ]
    assert len(where) > 200
    assert not errors, "The Nu HTML Checker:\n" + "\n".join(errors)


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def heading_problems(html: str) -> list[str]:
    """What is wrong with a page's outline: not exactly one h1, or a level skipped going down."""
    parser = _Headings()
    parser.feed(html)
    problems = [] if parser.levels.count(1) == 1 else [f"{parser.levels.count(1)} h1"]
    previous = 0
    for level in parser.levels:
        if level > previous + 1:
            problems.append(f"h{level} after h{previous}" if previous else f"h{level} first")
        previous = level
    return problems


def test_headings_in_order_on_every_page(demo_tour):
    out_of_order = [
        f"{role} {visit.url}: {', '.join(problems)}"
        for role, visit in demo_tour.pages()
        if (problems := heading_problems(visit.html))
    ]
    assert not out_of_order, "Headings out of order:\n" + "\n".join(out_of_order)


@pytest.mark.parametrize(
    "html, problems",
    [
        ("<h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>", []),
        ("<h1>a</h1><h3>b</h3>", ["h3 after h1"]),
        ("<h2>a</h2><h1>b</h1>", ["h2 first"]),
        ("<h1>a</h1><h1>b</h1>", ["2 h1"]),
    ],
)
def test_heading_problems(html, problems):
    assert heading_problems(html) == problems
