"""Reading indicator data points from a CSV file, the way spreadsheets write them.

UTF-8 (with or without BOM) and Excel's Windows-1252 are both read; comma or semicolon as the
delimiter; a decimal comma is accepted. Every bad row is reported with its line number, and the
caller saves nothing unless there are no errors at all.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from actors.i18n import in_every_language

from .models import PERIOD_RE, Indicator, TargetGroup

REQUIRED = ("indicator", "period", "value")
OPTIONAL = ("target_group",)
MAX_ROWS = 20_000
MAX_VALUE = Decimal("1e10")


@dataclass
class ParsedRow:
    line: int
    indicator: Indicator
    period: str
    target_group: TargetGroup | None
    value: Decimal


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def decode(raw: bytes) -> str | None:
    """The text of the file, or None when it is not text at all."""
    if b"\x00" in raw[:4096]:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Windows-1252 decodes almost anything; control characters betray a binary file.
    if re.search(r"[\x00-\x08\x0e-\x1f]", text):
        return None
    return text


def _lookup(queryset) -> dict:
    """Rows by short address and by name in Swedish or any language it is translated into,
    without regard to case."""
    found = {}
    for item in queryset:
        for key in (*in_every_language(item, "name").values(), item.slug):
            if key:
                found[key.strip().casefold()] = item
    return found


def parse(raw: bytes) -> ParseResult:
    result = ParseResult()
    text = decode(raw)
    if text is None or not text.strip():
        result.errors.append(
            (1, _("This is not a CSV file (or it is empty). Save it as CSV and try again."))
        )
        return result
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except csv.Error:
        result.errors.append((1, _("This is not a CSV file. Save it as CSV and try again.")))
        return result
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        result.errors.append(
            (
                1,
                _(
                    "The first line must name the columns %(expected)s "
                    "(target_group may be left out); found: %(found)s."
                )
                % {"expected": ", ".join(REQUIRED + OPTIONAL), "found": ", ".join(header) or "–"},
            )
        )
        return result
    index = {name: header.index(name) for name in header}
    indicators = _lookup(Indicator.objects.all())
    groups = _lookup(TargetGroup.objects.all())
    seen: dict[tuple, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(result.rows) + len(result.errors) >= MAX_ROWS:
                result.errors.append(
                    (line, _("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
                )
                break
            row_errors = []
            if len(cells) != len(header):
                result.errors.append(
                    (
                        line,
                        _("Expected %(expected)d columns, found %(found)d.")
                        % {"expected": len(header), "found": len(cells)},
                    )
                )
                continue
            slug = cells[index["indicator"]].strip()
            indicator = indicators.get(slug.casefold())
            if indicator is None:
                row_errors.append(_("Unknown indicator “%(slug)s”.") % {"slug": slug})
            period = cells[index["period"]].strip()
            if not re.match(PERIOD_RE, period):
                row_errors.append(
                    _("“%(period)s” is not a period: write 2024, 2024-03, 2024-Q1 or 2024-H1.")
                    % {"period": period}
                )
            group = None
            if "target_group" in index and cells[index["target_group"]].strip():
                group_slug = cells[index["target_group"]].strip()
                group = groups.get(group_slug.casefold())
                if group is None:
                    row_errors.append(_("Unknown target group “%(slug)s”.") % {"slug": group_slug})
            raw_value = cells[index["value"]].strip().replace("\xa0", "").replace(" ", "")
            value = None
            try:
                value = Decimal(raw_value.replace(",", "."))
                if not value.is_finite() or abs(value) >= MAX_VALUE:
                    raise InvalidOperation
                value = value.quantize(Decimal("0.0001"))
            except InvalidOperation:
                row_errors.append(_("“%(value)s” is not a number.") % {"value": raw_value})
            key = (indicator.pk if indicator else slug, period, group.pk if group else None)
            if not row_errors and key in seen:
                row_errors.append(
                    _("The same indicator, period and target group as line %(line)d.")
                    % {"line": seen[key]}
                )
            if row_errors:
                result.errors.extend((line, error) for error in row_errors)
                continue
            seen[key] = line
            result.rows.append(ParsedRow(line, indicator, period, group, value))
    except csv.Error as error:
        result.errors.append(
            (reader.line_num, _("The file could not be read as CSV: %(error)s") % {"error": error})
        )
    if not result.rows and not result.errors:
        result.errors.append((1, _("The file has no rows of data.")))
    return result
