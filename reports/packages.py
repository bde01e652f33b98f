"""Data packages: ZIP files of CSV tables with a README of their columns.

Every cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) is prefixed with a single quote, so opening a package never runs anything.
"""

import csv
import io
import zipfile
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell: numbers as they are, text defused when it could be read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(table: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(key) for key, _header, _meaning in table["columns"]])
    for row in table["rows"]:
        writer.writerow([safe_cell(row.get(key)) for key, _header, _meaning in table["columns"]])
    # A byte-order mark lets spreadsheet programs read Swedish letters as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def readme(title: str, tables: list[dict], intro: str) -> str:
    lines = [
        f"# {title}",
        "",
        intro,
        "",
        _("Made on %(date)s.") % {"date": f"{timezone.now():%Y-%m-%d}"},
        "",
    ]
    lines += [
        _(
            "CSV files in UTF-8, comma-separated, one header row. Amounts are in SEK with a "
            "point as the decimal mark; an empty cell means not recorded. Text that starts with "
            "= + - or @ is prefixed with ' so that spreadsheets do not read it as a formula."
        ),
        "",
    ]
    for table in tables:
        lines += [f"## {table['name']} – {table['title']}", ""]
        lines += [f"- `{key}` ({header}): {meaning}" for key, header, meaning in table["columns"]]
        lines.append("")
    return "\n".join(lines)


def zip_bytes(title: str, tables: list[dict], intro: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", readme(title, tables, intro))
        for table in tables:
            archive.writestr(table["name"], csv_bytes(table))
    return buffer.getvalue()


def report_package(data: dict) -> bytes:
    """The figures a report shows, as CSV files (in the report's language, active now)."""
    title = f"{data['title']}: {data['subject']}"
    intro = _("The figures of the report, one CSV file per table.")
    return zip_bytes(title, data["tables"], intro)


def open_data_package(tables: list[dict], *, site_name: str) -> bytes:
    intro = (
        "Everything the portal publishes, as open data: initiatives, needs, prioritisation "
        "results, indicators and funding totals. Free to reuse; please name the source."
    )
    return zip_bytes(f"{site_name}: open data", tables, intro)
