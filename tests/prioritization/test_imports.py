"""CSV import of indicator data: good files in both encodings, every kind of bad row, not CSV."""

from decimal import Decimal

import pytest
from django.utils import translation

from actors.translations import translate
from prioritization.models import DataPoint
from prioritization.services import ImportFailed, data_points_import
from tests.prioritization.factories import DataPointFactory, IndicatorFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def indicator():
    return IndicatorFactory(slug="safe-outdoors", name_sv="Känner sig trygga ute")


@pytest.fixture
def group():
    return TargetGroupFactory(slug="young-16-25", name_sv="Unga 16–25 år")


def errors_of(raw: bytes) -> list[tuple[int, str]]:
    with pytest.raises(ImportFailed) as failure:
        data_points_import(raw=raw)
    assert DataPoint.objects.count() == 0 or failure  # callers check what is kept
    return failure.value.errors


def test_it_imports_a_utf8_file_with_commas(indicator, group):
    raw = (
        b"indicator,period,target_group,value\n"
        b"safe-outdoors,2024,,61.5\n"
        b"safe-outdoors,2024,young-16-25,54\n"
    )
    summary = data_points_import(raw=raw)
    assert (summary.created, summary.updated) == (2, 0)
    assert DataPoint.objects.get(target_group=None).value == Decimal("61.5")
    assert DataPoint.objects.get(target_group=group).value == Decimal("54")


def test_it_imports_excels_windows_1252_with_semicolons_and_decimal_commas(indicator, group):
    text = (
        "Indicator;Period;Target_group;Value\r\nKänner sig trygga ute;2023;Unga 16–25 år;48,5\r\n"
    )
    raw = text.encode("cp1252")
    assert b"\xe4" in raw  # the ä really is a Windows-1252 byte, not UTF-8
    data_points_import(raw=raw)
    point = DataPoint.objects.get()
    assert (point.indicator, point.period, point.target_group, point.value) == (
        indicator,
        "2023",
        group,
        Decimal("48.5"),
    )


def test_it_knows_an_indicator_by_its_name_in_any_language_it_is_translated_into(indicator):
    translate(indicator, "so", name="Dareen ku dareema nabadgelyo")
    indicator.save()
    data_points_import(raw=b"indicator,period,value\ndareen ku dareema nabadgelyo,2024,3\n")
    assert DataPoint.objects.get().indicator == indicator


def test_it_reads_a_utf8_bom(indicator):
    data_points_import(raw="\ufeffindicator,period,value\nsafe-outdoors,2024-Q2,3\n".encode())
    assert DataPoint.objects.get().period == "2024-Q2"


def test_it_updates_existing_values_and_counts_unchanged_ones_as_neither(indicator):
    DataPointFactory(indicator=indicator, period="2023", value=Decimal("10"))
    DataPointFactory(indicator=indicator, period="2024", value=Decimal("20"))
    summary = data_points_import(
        raw=b"indicator,period,value\nsafe-outdoors,2023,11\nsafe-outdoors,2024,20\n"
    )
    assert (summary.created, summary.updated) == (0, 1)
    assert DataPoint.objects.get(period="2023").value == Decimal("11")


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_saved(indicator, group):
    raw = (
        b"indicator,period,target_group,value\n"
        b"safe-outdoors,2024,,60\n"  # 2: good
        b"unknown-thing,2024,,60\n"  # 3: unknown indicator
        b"safe-outdoors,24,,60\n"  # 4: bad period
        b"safe-outdoors,2024,nobody,60\n"  # 5: unknown target group
        b"safe-outdoors,2023,,sixty\n"  # 6: not a number
        b"safe-outdoors,2022,60\n"  # 7: too few columns
        b"safe-outdoors,2024,,61\n"  # 8: same as line 2
        b"safe-outdoors,2021,,NaN\n"  # 9: not a finite number
    )
    errors = errors_of(raw)
    assert [line for line, _message in errors] == [3, 4, 5, 6, 7, 8, 9]
    messages = dict(errors)
    assert "unknown-thing" in messages[3]
    assert "24" in messages[4]
    assert "nobody" in messages[5]
    assert "sixty" in messages[6]
    assert "line 2" in messages[8]
    assert DataPoint.objects.count() == 0


def test_line_numbers_count_quoted_line_breaks(indicator):
    raw = b'indicator,period,value\n"safe-outdoors",2024,1\n"safe-\noutdoors",2024,2\n'
    assert errors_of(raw)[0][0] == 4


@pytest.mark.parametrize(
    "header",
    [
        b"indicator,year,value",
        b"indicator,period",
        b"indicator,period,value,comment",
        b"period,period,value",
    ],
)
def test_wrong_columns_are_refused(indicator, header):
    errors = errors_of(header + b"\nsafe-outdoors,2024,1\n")
    assert errors[0][0] == 1
    assert "first line" in errors[0][1]


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # an image
        b"PK\x03\x04\x14\x00\x06\x00",  # an .xlsx (zip)
        b"",
        b"   \n\n",
        b"\x01\x02\x03\x04\x05binary",
    ],
)
def test_a_file_that_is_not_csv_is_refused(raw):
    errors = errors_of(raw)
    assert errors[0][0] == 1
    assert DataPoint.objects.count() == 0


def test_a_header_without_rows_is_refused(indicator):
    errors = errors_of(b"indicator,period,value\n")
    assert "no rows" in errors[0][1]


def test_the_reasons_are_translated(indicator):
    with translation.override("sv"):
        errors = errors_of(b"indicator,period,value\nsafe-outdoors,2024,x\n")
    assert errors == [(2, "”x” är inget tal.")]
