"""The data behind the reports is read in a fixed number of queries, whatever its amount."""

import datetime

import pytest
from django.utils import timezone, translation

from initiatives.models import Initiative
from reports import selectors

pytestmark = pytest.mark.django_db


def test_the_period_report_reads_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    today = timezone.localdate()
    sizes = []
    for days in (30, 400):
        # As named in selectors.period_report: site settings, workshops, attendance, rounds,
        # their results, needs, initiatives per step, started, completed, follow-ups, reach per
        # initiative and per target group, money (3, from the ledger), indicators, their
        # data points, evaluations.
        with translation.override("en"), django_assert_max_num_queries(18):
            data = selectors.period_report(today - datetime.timedelta(days=days), today)
        sizes.append(len(data["workshops"]))
    assert sizes[0] < sizes[1]


def test_the_initiative_report_reads_a_fixed_number_of_queries(
    completed, django_assert_max_num_queries
):
    bare = Initiative.objects.filter(follow_ups__isnull=True).exclude(pk=completed.pk).first()
    for initiative in (bare, completed):
        # initiatives.selectors.initiative_thread (15) and the indicators' statistics (1)
        with django_assert_max_num_queries(23):
            selectors.initiative_report(initiative.pk)


def test_the_same_data_has_the_same_version(completed):
    first = selectors.data_version(selectors.initiative_report(completed.pk))
    assert first == selectors.data_version(selectors.initiative_report(completed.pk))
    with translation.override("en"):
        assert selectors.data_version(selectors.initiative_report(completed.pk)) != first
