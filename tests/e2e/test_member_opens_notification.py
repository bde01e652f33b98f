"""A member finds a new notification in the header once a workshop gave their organisation an
action, opens it from the list and lands on the workshop; the count then goes away."""

import re

import pytest
from django.db import transaction

from actors.events import event_record
from actors.i18n import in_every_language
from tests.factories import translated
from tests.workshops.factories import ActionFactory, WorkshopFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_opens_notification(page, login, check_accessibility, member, organisation):
    workshop = translated(
        WorkshopFactory(theme_sv="Trygghet i centrum"), theme="Safety in the centre"
    )
    action = ActionFactory(workshop=workshop, owner=organisation)
    # As the workshop's log records it; its commit starts the fan-out.
    with transaction.atomic():
        event_record(
            kind="workshops.logged",
            subject=workshop,
            data={
                **in_every_language(workshop, "theme"),
                "actions": [{"item": action.pk, "owner": organisation.pk, "due": action.due}],
            },
            public=False,
        )

    login(page, member.email)
    page.get_by_role("link", name="Aviseringar 1 oläst", exact=True).click()
    page.wait_for_url(re.compile(r"/notifications/$"))
    check_accessibility(page)
    notice = page.get_by_role("link", name=re.compile("Din organisation fick åtgärden"))
    assert "”Trygghet i centrum”" in notice.inner_text()

    notice.click()
    page.wait_for_url(re.compile(rf"/workshops/{workshop.pk}/$"))
    page.get_by_role("link", name="Aviseringar", exact=True).wait_for()
