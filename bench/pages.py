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
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))


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
    """Earlier runs' sign-ups would make each run measure a bigger table than the last."""
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("DELETE FROM newsletter_subscriber WHERE email LIKE 'bench-%@example.org'")


def main():
    small, large = seeded_database(1), seeded_database(SCALE)
    forget_bench_sign_ups(large)
    at_scale_1 = page_list(small)["queries"]
    pages = page_list(large)
    results = {}
    with Gunicorn(production_env(large, redis_db=10)) as server:
        floor = wrk(f"{server.url}/bench/ok", seconds=SECONDS)
        cookie = f"Cookie: {pages['session_cookie']}"
        for path in pages["public"].values():
            probe(server.url + path)
        for path in pages["logged_in"].values():
            probe(server.url + path, cookie)
        for name, path in pages["public"].items():
            results[name] = wrk(server.url + path, seconds=SECONDS)
        results["signup"] = wrk(
            server.url + pages["signup"], seconds=SECONDS, script=str(ROOT / "bench" / "signup.lua")
        )
        for name, path in pages["logged_in"].items():
            results[name] = wrk(server.url + path, seconds=SECONDS, headers=[cookie])
    for name, result in results.items():
        result["queries"] = pages["queries"].get(name)
        result["queries_at_scale_1"] = at_scale_1.get(name)
        result["ratio"] = round(result["rps"] / floor["rps"], 3)
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
                "floor_rps": floor["rps"],
                "pages": results,
                "min_ratio_public": min(public),
                "min_ratio_logged_in": min(private),
                "last_to_first_page": round(last["p50_ms"] / first["p50_ms"], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
