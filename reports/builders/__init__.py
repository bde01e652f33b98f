"""The data each report prints, composed from the statistics each app exports for it.

One module per report (`initiative`, `period`, `open_data`), each with a `build` function that
calls the apps' statistics and turns them into the context its template renders and the tables
of its data package. A report's data is a dict of strings, numbers and dates (no model
instances), so that it can be hashed into the report's `data_version`, rendered by the PDF
templates and written to the CSV files of its data package, all from the same values. Text is
read in the language active when the builder runs; the services call it under
`translation.override(report.language)`.
"""

import hashlib
import json

from actors.models import SiteSettings

# Raise when the templates change what they print, so stored reports are not reused.
FORMAT_VERSION = 2


def data_version(data: dict) -> str:
    """A hash of everything a report prints: equal data, equal hash."""
    payload = json.dumps(
        {"format": FORMAT_VERSION, "data": data}, sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def table(name: str, title: str, columns: list[tuple[str, str, str]], rows: list[dict]) -> dict:
    """One CSV file of a data package: columns as (key, header, what it means)."""
    return {"name": name, "title": title, "columns": columns, "rows": rows}


def collaboration() -> dict:
    """Who the report is from, as its cover and footer name it (site settings, cached)."""
    site = SiteSettings.current()
    return {"name": site.name, "area": site.area, "council": site.council_name}
