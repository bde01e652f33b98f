"""One reader of the event stream for every consumer that must see each event once: the
notifications' fan-out and the followers' news.

A consumer keeps its place in a cursor row of its own (a model on `EventCursor`). A run takes the
row with SELECT ... FOR UPDATE SKIP LOCKED, so a second run at the same moment finds it taken and
leaves; it reads a batch of events after the cursor, hands them to the consumer and moves the
cursor on in the same transaction as the consumer's writes, so a run that dies moves nothing on
and the next one reads the batch again.

An event's id is taken when it is recorded, but the event becomes visible when its transaction
commits, so a later id may be seen first. The ids skipped below the cursor are kept as gaps and
asked for again on each run until they appear (a late commit) or GAP_WAIT has passed (a
transaction that rolled back: none that commits stays open that long, tasks stop after 30
seconds). No event is passed over for being late, and none is waited for when all is seen.

A consumer may finish fewer events than it was handed (it caps the work of one transaction): the
cursor then moves only past those it finished, and the next batch hands it the rest again.
"""

import datetime
import time
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Event, EventCursor

GAP_WAIT = datetime.timedelta(minutes=10)
# The newest ones are kept: an id far below the newest is a rollback, not a commit on its way.
MAX_GAPS = 1000


def stream_read(
    *,
    cursor: type[EventCursor],
    consume: Callable[[list[Event]], tuple[int, int]],
    batch: int,
    among: QuerySet | None = None,
    for_seconds: float | None = None,
    go_on: Callable[[], None] | None = None,
) -> int:
    """Hand `consume` the events after the cursor, `batch` ids at a time until none is left, and
    return the sum of what it made. `consume` returns what it made and how many of the events,
    from the first, it finished. With `among`, only the events of that queryset are handed over
    (the others are passed by). Each batch, its consumer's writes and the cursor's move are one
    transaction; a run that finds the cursor held by another leaves at once. With `for_seconds`,
    no batch begins after that long: `go_on` is called to have another run go on from there.
    """
    cursor.objects.get_or_create(pk=1)
    total = 0
    until = None if for_seconds is None else time.monotonic() + for_seconds
    while True:
        more, result = _batch(cursor, consume, batch, among)
        total += result
        if not more:
            return total
        if until is not None and time.monotonic() > until:
            if go_on is not None:
                go_on()
            return total


def _batch(model, consume, batch: int, among: QuerySet | None) -> tuple[bool, int]:
    """One batch in one transaction; returns whether more may wait, and what it made."""
    with transaction.atomic():
        cursor = model.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if cursor is None:
            return False, 0  # another run is reading
        after = Event.objects.filter(
            Q(pk__gt=cursor.last_event_id) | Q(pk__in=[int(pk) for pk in cursor.gaps])
        ).order_by("pk")
        if among is None:
            events = list(after[:batch])
            ids = [event.pk for event in events]
        else:
            ids = list(after.values_list("pk", flat=True)[:batch])
            events = list(among.filter(pk__in=ids).order_by("pk")) if ids else []
        result, finished = consume(events) if events else (0, 0)
        if finished < len(events):
            # The ids from the first unfinished event on are read again by the next batch.
            ids = [pk for pk in ids if pk < events[finished].pk]
        cursor_move_on(cursor, ids)
    return len(ids) == batch or finished < len(events), result


def cursor_move_on(cursor: EventCursor, seen: list[int]) -> None:
    """Move the cursor past the ids seen, keep the ids skipped below it as gaps, and forget the
    gaps now seen or missing for longer than GAP_WAIT. Writes the row only if it changed."""
    now = timezone.now()
    seen_ids = set(seen)
    gaps = {
        pk: first
        for pk, first in cursor.gaps.items()
        if int(pk) not in seen_ids and datetime.datetime.fromisoformat(first) > now - GAP_WAIT
    }
    last = cursor.last_event_id
    new = sorted(pk for pk in seen_ids if pk > last)
    if new:
        start = max(last + 1, new[-1] - MAX_GAPS - len(new))
        for pk in set(range(start, new[-1])) - seen_ids:
            gaps[str(pk)] = now.isoformat()
        last = new[-1]
    gaps = dict(sorted(gaps.items(), key=lambda item: int(item[0]))[-MAX_GAPS:])
    if (last, gaps) != (cursor.last_event_id, cursor.gaps):
        cursor.last_event_id, cursor.gaps = last, gaps
        cursor.save(update_fields=["last_event_id", "gaps"])
