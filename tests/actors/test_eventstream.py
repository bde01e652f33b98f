"""The event stream's one reader: each event handed to a consumer once, in batches, with the
cursor moved in the consumer's transaction, at a cost that does not grow with the events."""

import pytest
from django.db import transaction

from actors.events import event_record
from actors.eventstream import stream_read
from actors.models import Event
from notifications.models import FanOutCursor

pytestmark = pytest.mark.django_db


def recorded(count: int, public: bool = False) -> list[Event]:
    with transaction.atomic():
        return [
            event_record(kind="actors.charter_changed", subject=None, data={}, public=public)
            for _n in range(count)
        ]


class Consumer:
    def __init__(self):
        self.batches = []

    def __call__(self, events) -> tuple[int, int]:
        self.batches.append([event.pk for event in events])
        return len(events), len(events)


@pytest.mark.parametrize("count", [3, 30])
def test_a_batch_costs_the_same_however_many_events_it_reads(count, django_assert_num_queries):
    events = recorded(count)
    consumer = Consumer()
    FanOutCursor.objects.update_or_create(pk=1, defaults={"last_event_id": events[0].pk - 1})

    # The cursor looked up; then in the batch's transaction: the cursor taken, the events read,
    # the cursor moved on (and the savepoint's begin and end around them).
    with django_assert_num_queries(6):
        assert stream_read(cursor=FanOutCursor, consume=consumer, batch=100) == count

    assert consumer.batches == [[event.pk for event in events]]
    assert FanOutCursor.objects.get().last_event_id == events[-1].pk


def test_it_reads_in_batches_and_hands_over_only_the_events_asked_for():
    events = recorded(5)
    FanOutCursor.objects.update_or_create(pk=1, defaults={"last_event_id": events[0].pk - 1})
    wanted = [events[1].pk, events[4].pk]
    consumer = Consumer()

    told = stream_read(
        cursor=FanOutCursor,
        consume=consumer,
        batch=2,
        among=Event.objects.filter(pk__in=wanted),
    )

    assert told == 2
    assert consumer.batches == [[events[1].pk], [events[4].pk]]
    assert FanOutCursor.objects.get().last_event_id == events[-1].pk
    assert FanOutCursor.objects.get().gaps == {}
    assert stream_read(cursor=FanOutCursor, consume=consumer, batch=2) == 0
