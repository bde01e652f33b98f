"""Stop with one clear line when PostgreSQL or Redis, which the suite runs on, cannot be reached."""

import os
import sys

import psycopg
import redis


def main() -> int:
    database_url = os.environ["DATABASE_URL"]
    broker_url = os.environ["CELERY_BROKER_URL"]
    try:
        psycopg.connect(database_url, connect_timeout=5).close()
    except psycopg.Error as exc:
        print(f"PostgreSQL is not reachable at {database_url}: {exc}".strip(), file=sys.stderr)
        return 1
    try:
        redis.Redis.from_url(broker_url, socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        print(f"Redis is not reachable at {broker_url}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
