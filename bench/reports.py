"""Benchmark of the period report: the whole render against WeasyPrint alone on the same HTML.

Run from the repository root: `python bench/reports.py` (DATABASE_URL names the database,
cih_bench_reports on the local PostgreSQL by default; it is
migrated and filled with `seed_demo --scale 1`, measured, then `--scale 3`, measured again).
Prints one JSON line:

- seconds: the render task for the period over the three years (data, HTML, PDF, data package,
  files written), fastest of BENCH_RUNS runs (5); floor_seconds: WeasyPrint alone on the same
  HTML, runs interleaved with those; ratio = seconds / floor_seconds (goal ≤ 1.25); the same in
  processor time (cpu_*), which other work on a shared machine disturbs less;
- pages; queries: SQL queries of the task at scale 3; queries_at_scale_1: the same report over the
  one year that `--scale 1` makes, measured before the scale-3 data is added (goal ≤ 30, equal);
- peak_mb / floor_peak_mb: peak resident memory of a process doing the whole render / only
  WeasyPrint, each forked from the same parent; memory_ratio (goal ≤ 1.5).
"""

import datetime
import io
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database  # noqa: E402

if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = ensure_database("cih_bench_reports")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cih.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DEBUG", "false")  # templates cached as in production
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="cih-bench-reports-"))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from reports import rendering, services  # noqa: E402
from reports.choices import ReportKind  # noqa: E402
from reports.models import ReportRequest  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LANGUAGE = "sv"


def period(years: int) -> tuple[datetime.date, datetime.date]:
    end = timezone.localdate()
    return end - datetime.timedelta(days=365 * years), end


def render_task(start, end) -> dict:
    """What the worker does for one period report, timed and counted."""
    report = ReportRequest.objects.create(
        kind=ReportKind.PERIOD, period_start=start, period_end=end, language=LANGUAGE
    )
    # Every run starts with a cold cache, so both scales count the site settings' query alike.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        report = services.report_render(report_id=report.pk)
        seconds = time.perf_counter() - began
    if not report.is_ready:
        raise SystemExit(f"the report failed: {report.failure_reason}")
    return {"seconds": seconds, "pages": report.pages, "queries": len(queries)}


def weasyprint_alone(html: str) -> dict:
    began = time.perf_counter()
    rendered = rendering.html_to_pdf(html)
    return {"seconds": time.perf_counter() - began, "pages": rendered.pages}


def _child(queue, function, args):
    connections.close_all()
    began = time.process_time()
    result = function(*args)
    result["cpu_seconds"] = time.process_time() - began
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def in_child(function, *args) -> dict:
    """Run in a forked process, so its peak memory is its own."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, function, args))
    process.start()
    result = queue.get()
    process.join()
    return result


def fastest(runs: list[dict]) -> dict:
    """The quickest run (the least disturbed by other work on the machine), with the highest
    peak memory seen in any run."""
    return min(runs, key=lambda run: run["seconds"]) | {
        "peak_mb": max(run["peak_mb"] for run in runs),
        "cpu_seconds": min(run["cpu_seconds"] for run in runs),
    }


def main() -> None:
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", scale=1, stdout=io.StringIO())
    at_scale_1 = in_child(render_task, *period(1))

    call_command("seed_demo", scale=3, stdout=io.StringIO())
    start, end = period(3)
    with translation.override(LANGUAGE):
        data = services.report_data(kind=ReportKind.PERIOD, start=start, end=end, language=LANGUAGE)
        html = rendering.render_html(data)
    # Both measured processes are forked from this one after WeasyPrint has loaded its fonts
    # and stylesheets once, as a long-running worker has.
    rendering.html_to_pdf(html)
    # Interleaved, so that a busy spell on the machine falls on both alike.
    floors, fulls = [], []
    for _ in range(RUNS):
        floors.append(in_child(weasyprint_alone, html))
        fulls.append(in_child(render_task, start, end))
    floor, full = fastest(floors), fastest(fulls)
    print(
        json.dumps(
            {
                "bench": "reports",
                "scale": 3,
                "seconds": round(full["seconds"], 3),
                "floor_seconds": round(floor["seconds"], 3),
                "ratio": round(full["seconds"] / floor["seconds"], 3),
                "cpu_seconds": round(full["cpu_seconds"], 3),
                "floor_cpu_seconds": round(floor["cpu_seconds"], 3),
                "cpu_ratio": round(full["cpu_seconds"] / floor["cpu_seconds"], 3),
                "pages": full["pages"],
                "floor_pages": floor["pages"],
                "queries": full["queries"],
                "queries_at_scale_1": at_scale_1["queries"],
                "peak_mb": round(full["peak_mb"], 1),
                "floor_peak_mb": round(floor["peak_mb"], 1),
                "memory_ratio": round(full["peak_mb"] / floor["peak_mb"], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
