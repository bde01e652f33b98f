"""Every page each demo login reaches by links, in Chromium: it fits every common screen width,
and axe-core finds nothing serious on it at a desktop or a phone width. One page of each URL
pattern stands for all of them (tests/e2e/tour.py)."""

from tests.e2e.tour import AXE_WIDTHS, WIDTHS


def test_every_role_reaches_the_pages_of_its_job(demo_tour):
    # A tour that stopped at the start page would pass everything below.
    expected = {
        "anonymous": {"portal:home", "initiatives:initiative_detail", "prioritization:matrix"},
        "member": {"initiatives:pipeline", "actors:organisation_edit"},
        "coordinator": {"workshops:log", "newsletter:edition_create"},
        "treasurer": {"funding:ledger"},
        "evaluator": {"reports:report_list"},
        "admin": {"actors:site_settings"},
    }
    for role, views in expected.items():
        assert views <= {visit.view_name for visit in demo_tour.visits[role]}, role
    assert all(report.violations.keys() == set(AXE_WIDTHS) for report in demo_tour.reports)


def test_no_page_scrolls_sideways_at_any_width(demo_tour):
    too_wide = [
        f"{report.role} {report.url} at {width}px: {overflow}"
        for report in demo_tour.reports
        for width, overflow in sorted(report.overflow.items())
    ]
    assert not too_wide, f"Pages wider than the window ({WIDTHS}):\n" + "\n".join(too_wide)


def test_a_table_wider_than_the_screen_says_it_scrolls(demo_tour):
    tables = [
        (f"{report.role} {report.url} at {width}px: {caption}", wide, hint)
        for report in demo_tour.reports
        for width, found in report.tables.items()
        for caption, wide, hint in found
    ]
    assert any(wide for _table, wide, _hint in tables), "no table was wider than a phone"
    wrong = [
        f"{table}: {'wider, no hint' if wide else 'fits, yet a hint'}"
        for table, wide, hint in tables
        if wide != hint
    ]
    assert not wrong, "Hints that tables scroll:\n" + "\n".join(wrong)


def test_no_page_has_serious_accessibility_problems(demo_tour):
    found = [
        f"{report.role} {report.url} at {width}px: {violation}"
        for report in demo_tour.reports
        for width, violations in sorted(report.violations.items())
        for violation in violations
    ]
    assert not found, "axe-core, serious or critical:\n" + "\n".join(found)
