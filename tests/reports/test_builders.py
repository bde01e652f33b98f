"""The data behind the reports is read in a fixed number of queries, whatever its amount."""

import datetime

import pytest
from django.utils import timezone, translation

from actors.models import SiteSettings
from initiatives.models import Initiative, ProcessStep
from reports.builders import data_version, initiative, open_data, period
from tests.initiatives.factories import InitiativeFactory

from .conftest import load_demo

pytestmark = pytest.mark.django_db

# With the site settings cached: workshops held, attendance by organisation, rounds closed, their
# results, needs prioritised, initiatives per step, started, completed, reach per initiative (2:
# follow-ups, participants), reach per target group, money (3: the pool, per focus area, per
# funder), indicators, their data points, evaluations.
PERIOD_QUERIES = 17
# The initiative with its decision and evaluation, partners, target groups, needs, their quotes,
# other quotes, consultations, outcomes, their indicators, the indicators' statistics, the values
# measured, the achievements, follow-ups with their reach, the process log, its money.
INITIATIVE_QUERIES = 15
# Public initiatives, needs, round results, data points, money per initiative and per funder.
OPEN_DATA_QUERIES = 6


def test_the_period_report_reads_a_fixed_number_of_queries(demo, django_assert_num_queries):
    today = timezone.localdate()
    SiteSettings.current()
    sizes = []
    for days in (30, 400):
        with translation.override("en"), django_assert_num_queries(PERIOD_QUERIES):
            data = period.build(today - datetime.timedelta(days=days), today)
        sizes.append(len(data["workshops"]))
    assert sizes[0] < sizes[1]


def test_the_initiative_report_reads_a_fixed_number_of_queries(
    completed, django_assert_num_queries
):
    bare = Initiative.objects.filter(follow_ups__isnull=True).exclude(pk=completed.pk).first()
    SiteSettings.current()
    for one in (bare, completed):
        with django_assert_num_queries(INITIATIVE_QUERIES):
            initiative.build(one.pk)


def test_every_report_reads_as_many_queries_on_little_data_as_on_much(
    db, django_assert_num_queries
):
    today = timezone.localdate()
    sizes = []
    for size in ("one initiative", "the demo"):
        if size == "one initiative":
            subject = InitiativeFactory(step="proposal")
            start = today - datetime.timedelta(days=30)
        else:
            load_demo()
            subject = Initiative.objects.filter(step="completed").order_by("pk").first()
            start = today - datetime.timedelta(days=3 * 365)
        SiteSettings.current()
        ProcessStep.of_site()  # cached like the site settings
        with django_assert_num_queries(PERIOD_QUERIES):
            figures = period.build(start, today)
        with django_assert_num_queries(INITIATIVE_QUERIES):
            record = initiative.build(subject.pk)
        with django_assert_num_queries(OPEN_DATA_QUERIES):
            tables = open_data.build()
        sizes.append(
            (
                len(figures["workshops"]),
                len(record["follow_ups"]),
                sum(len(table["rows"]) for table in tables),
            )
        )
    assert all(small < large for small, large in zip(*sizes, strict=True))


def test_the_same_data_has_the_same_version(completed):
    first = data_version(initiative.build(completed.pk))
    assert first == data_version(initiative.build(completed.pk))
    with translation.override("en"):
        assert data_version(initiative.build(completed.pk)) != first
