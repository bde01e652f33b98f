"""Handing work to the task queue from a web request, without ever failing the request.

The rows a service writes say what is owed (a mail, a report, a delivery); the task only does it
sooner. So when the broker is down the request goes on, and a periodic sweep queues the work
once the broker is back. Celery's default would retry the connection for seconds while a visitor
waits, then raise.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, arglists: list[tuple]) -> None:
    """Queue `task` once per argument tuple over one broker connection; on failure, log it."""
    if task.app.conf.task_always_eager:
        for args in arglists:
            try:
                task.apply_async(args=args)
            except Exception:
                logger.exception("%s%r failed; the periodic sweep will try again", task.name, args)
        return
    try:
        # A pooled producer: the request reuses this process's broker connection.
        with task.app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0.2, interval_max=0.2
            )
            for args in arglists:
                task.apply_async(args=args, producer=producer, retry=False)
    except Exception:
        logger.exception("Could not queue %s; the periodic sweep will pick it up", task.name)


def enqueue_on_commit(task, *args) -> None:
    """Queue the task once the current transaction has committed what it will read."""
    transaction.on_commit(lambda: enqueue(task, [args]))
