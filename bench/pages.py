"""Page throughput at scale: the portal under gunicorn (2 sync workers) on PostgreSQL with
seed_demo --scale 10, loaded by wrk from a second process, against a view that returns "ok".

Prints one JSON line. Run with `make bench` (or `python bench/pages.py`).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Gunicorn, probe, production_env, seeded_database, wrk  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "10"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
# Each page is measured this many times, each time right after the floor, and the median round
# is kept: the machine's speed drifts during a run, and a ratio to a floor measured minutes
# earlier would carry the drift.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def page_list(database: str) -> dict:
    env = {**os.environ, **production_env(database, redis_db=12)}
    output = subprocess.run(
        [sys.executable, "bench/page_list.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def forget_bench_sign_ups(database: str) -> None:
    """Earlier runs' sign-ups (and their dead rows) would make each run measure a bigger table
    than the last."""
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("DELETE FROM newsletter_subscriber WHERE email LIKE 'bench-%@example.org'")
        conn.execute("VACUUM ANALYZE newsletter_subscriber")


def measured(server, path: str, **options) -> dict:
    """The page's median round against the floor measured just before it."""
    rounds = []
    for _ in range(ROUNDS):
        floor = wrk(f"{server.url}/bench/ok", seconds=SECONDS)
        page = wrk(server.url + path, seconds=SECONDS, **options)
        rounds.append({**page, "floor_rps": floor["rps"], "ratio": page["rps"] / floor["rps"]})
    rounds.sort(key=lambda result: result["ratio"])
    median = rounds[len(rounds) // 2]
    return {
        **median,
        "ratio": round(median["ratio"], 3),
        "errors": sum(result["errors"] for result in rounds),
    }


def main():
    small, large = seeded_database(1), seeded_database(SCALE)
    forget_bench_sign_ups(large)
    at_scale_1 = page_list(small)["queries"]
    pages = page_list(large)
    results = {}
    with Gunicorn(production_env(large, redis_db=10)) as server:
        cookie = f"Cookie: {pages['session_cookie']}"
        for path in pages["public"].values():
            probe(server.url + path)
        for path in pages["logged_in"].values():
            probe(server.url + path, cookie)
        for name, path in pages["public"].items():
            results[name] = measured(server, path)
        results["signup"] = measured(
            server, pages["signup"], script=str(ROOT / "bench" / "signup.lua")
        )
        for name, path in pages["logged_in"].items():
            results[name] = measured(server, path, headers=[cookie])
    for name, result in results.items():
        result["queries"] = pages["queries"].get(name)
        result["queries_at_scale_1"] = at_scale_1.get(name)
    refused = {name: result["errors"] for name, result in results.items() if result["errors"]}
    if refused:
        sys.exit(f"non-2xx/3xx answers while measuring, so the figures would not hold: {refused}")
    public = [results[name]["ratio"] for name in [*pages["public"], "signup"]]
    private = [results[name]["ratio"] for name in pages["logged_in"]]
    first, last = results["initiatives_first"], results["initiatives_last"]
    print(
        json.dumps(
            {
                "bench": "pages",
                "scale": SCALE,
                "floor_rps": sorted(r["floor_rps"] for r in results.values())[len(results) // 2],
                "pages": results,
                "min_ratio_public": min(public),
                "min_ratio_logged_in": min(private),
                "last_to_first_page": round(last["p50_ms"] / first["p50_ms"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
