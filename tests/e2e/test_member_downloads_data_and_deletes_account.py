"""A visitor finds the privacy notice and the accessibility statement in the footer and reports a
barrier; a member downloads their data and deletes their account, typing the password again."""

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from actors.models import OutgoingMail, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_reports_a_barrier_from_the_footer(page, site, check_accessibility):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Integritetspolicy").click()
    expect(page.get_by_role("heading", name="Integritetspolicy", level=1)).to_be_visible()
    check_accessibility(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    check_accessibility(page)
    page.get_by_label("Vad fungerade inte för dig?").fill(
        "Menyn går inte att öppna med tangentbordet."
    )
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("heading", name="Tack för din anmälan")).to_be_visible()
    assert OutgoingMail.objects.get().recipient == site.contact_email


def test_member_downloads_data_and_deletes_account(page, login, check_accessibility, member):
    login(page, member.email)
    page.get_by_role("button", name="ditt konto").click()
    page.get_by_role("link", name="Dina uppgifter och ditt konto").click()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner dina uppgifter").click()
    archive = zipfile.ZipFile(download.value.path())
    assert json.loads(archive.read("account/account.json"))[0]["email"] == member.email

    page.get_by_role("link", name="Radera ditt konto").click()
    check_accessibility(page)
    page.get_by_label("Ditt lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Radera mitt konto").click()
    expect(page.get_by_text("Lösenordet stämmer inte.")).to_be_visible()
    check_accessibility(page)
    assert User.objects.filter(pk=member.pk).exists()
    page.get_by_label("Ditt lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Radera mitt konto").click()
    page.wait_for_url(re.compile(r"/account/deleted/$"))
    expect(page.get_by_role("heading", name="Ditt konto är raderat")).to_be_visible()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()
    assert not User.objects.filter(pk=member.pk).exists()
