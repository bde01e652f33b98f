from types import SimpleNamespace

import pytest

from tests.conftest import ROLES
from tests.images import image_bytes, upload
from tests.matrix import Case, allow, check_case, public, urls_of
from workshops.choices import MinutesState

from .factories import (
    ActionFactory,
    AttendanceFactory,
    MatrixEntryFactory,
    ParkedItemFactory,
    PhotoFactory,
    PlannedWorkshopFactory,
    ThemeSuggestionFactory,
    WorkshopFactory,
    meeting_settings,
)

COORDINATOR_ONLY = allow("coordinator", "admin")
INSIDE = allow("member", "outsider", "coordinator", "treasurer", "evaluator", "admin")
OWNER = allow("member", "coordinator", "admin")  # the action's owner organisation, coordinators
CAME = allow("member", "coordinator", "admin")  # organisations that came, coordinators
SUGGESTERS = allow("member", "outsider", "coordinator", "admin")
POST_ONLY = dict.fromkeys(ROLES, 405)
# Draft minutes are not there at all for those who may not read them.
READERS_OF_DRAFTS = {**allow(*INSIDE), "anonymous": 404}


def photo_upload(objects):
    return {"image": upload(image_bytes()), "caption_sv": "Tavlan"}


url = urls_of("workshops")


CASES = [
    Case("workshops:list", url("list"), public()),
    Case("workshops:detail", url("detail", "held"), public()),
    Case("workshops:detail", url("detail", "planned"), public()),
    Case("workshops:create", url("create"), COORDINATOR_ONLY),
    Case("workshops:edit", url("edit", "planned"), COORDINATOR_ONLY),
    Case("workshops:log", url("log", "held"), COORDINATOR_ONLY),
    Case("workshops:cancel", url("cancel", "planned"), POST_ONLY),
    Case("workshops:cancel", url("cancel", "planned"), COORDINATOR_ONLY, method="post"),
    Case("workshops:publish", url("publish", "held"), POST_ONLY),
    Case("workshops:publish", url("publish", "held"), COORDINATOR_ONLY, method="post"),
    Case("workshops:comment", url("comment", "held"), POST_ONLY),
    Case(
        "workshops:comment",
        url("comment", "held"),
        CAME,
        method="post",
        data=lambda o: {"kind": "comment", "text": "Bra möte."},
    ),
    Case("workshops:ics", url("ics", "planned"), public()),
    Case("workshops:photo_add", url("photo_add", "held"), COORDINATOR_ONLY),
    Case(
        "workshops:photo_add",
        url("photo_add", "held"),
        COORDINATOR_ONLY,
        method="post",
        data=photo_upload,
    ),
    Case("workshops:photo", url("photo", "draft_photo"), READERS_OF_DRAFTS),
    Case("workshops:photo", url("photo", "published_photo"), public()),
    Case("workshops:photo_remove", url("photo_remove", "draft_photo"), POST_ONLY),
    Case(
        "workshops:photo_remove",
        url("photo_remove", "draft_photo"),
        COORDINATOR_ONLY,
        method="post",
    ),
    Case("workshops:feed", url("feed"), public()),
    Case("workshops:actions", url("actions"), INSIDE),
    Case("workshops:action_update", url("action_update", "action"), POST_ONLY),
    Case(
        "workshops:action_update",
        url("action_update", "action"),
        OWNER,
        method="post",
        data=lambda o: {"change": "done"},
    ),
    Case("workshops:actions_update", url("actions_update"), POST_ONLY),
    Case(
        "workshops:actions_update",
        url("actions_update"),
        OWNER,
        method="post",
        data=lambda o: {"item": [o.action.pk], f"done-{o.action.pk}": "on"},
    ),
    Case("workshops:parking_lot", url("parking_lot"), INSIDE),
    Case("workshops:parked_item_schedule", url("parked_item_schedule", "idea"), POST_ONLY),
    Case(
        "workshops:parked_item_schedule",
        url("parked_item_schedule", "idea"),
        COORDINATOR_ONLY,
        method="post",
        data=lambda o: {"look_again_on": "2030-01-01"},
    ),
    Case("workshops:parked_item_archive", url("parked_item_archive", "idea"), POST_ONLY),
    Case(
        "workshops:parked_item_archive",
        url("parked_item_archive", "idea"),
        COORDINATOR_ONLY,
        method="post",
        data=lambda o: {"reason": "Done elsewhere."},
    ),
    Case("workshops:attendance", url("attendance"), INSIDE),
    Case("workshops:themes", url("themes"), INSIDE),
    Case("workshops:theme_suggest", url("theme_suggest"), POST_ONLY),
    Case(
        "workshops:theme_suggest",
        url("theme_suggest"),
        SUGGESTERS,
        method="post",
        data=lambda o: {"title": "Trygghet"},
    ),
    Case("workshops:theme_take_up", url("theme_take_up", "suggestion"), POST_ONLY),
    Case(
        "workshops:theme_take_up",
        url("theme_take_up", "suggestion"),
        COORDINATOR_ONLY,
        method="post",
        data=lambda o: {"workshop": o.planned.pk},
    ),
    Case("workshops:settings", url("settings"), COORDINATOR_ONLY),
    Case(
        "workshops:settings",
        url("settings"),
        COORDINATOR_ONLY,
        method="post",
        data=lambda o: {"cadence": "monthly", "has_swot": "on"},
    ),
    Case("workshops:matrix_create", url("matrix_create", "held"), COORDINATOR_ONLY),
    Case(
        "workshops:matrix_create",
        url("matrix_create", "held"),
        COORDINATOR_ONLY,
        method="post",
        data=lambda o: matrix_post(),
    ),
    Case("workshops:matrix_edit", url("matrix_edit", "matrix"), COORDINATOR_ONLY),
    Case("workshops:matrix_remove", url("matrix_remove", "matrix"), POST_ONLY),
    Case(
        "workshops:matrix_remove",
        url("matrix_remove", "matrix"),
        COORDINATOR_ONLY,
        method="post",
    ),
]


def matrix_post():
    return {
        "matrix-title_sv": "Behov",
        "matrix-x_axis_sv": "Insats",
        "matrix-y_axis_sv": "Effekt",
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "0",
        "entries-0-text_sv": "Fika",
        "entries-0-x": "1",
        "entries-0-y": "3",
    }


@pytest.fixture
def objects(organisation, other_organisation):
    meeting_settings(has_matrix=True)
    held = WorkshopFactory()
    AttendanceFactory(workshop=held, organisation=organisation)
    return SimpleNamespace(
        held=held,
        planned=PlannedWorkshopFactory(),
        action=ActionFactory(workshop=held, owner=organisation),
        idea=ParkedItemFactory(workshop=held),
        suggestion=ThemeSuggestionFactory(),
        draft_photo=PhotoFactory(workshop=held),
        published_photo=PhotoFactory(workshop__minutes_state=MinutesState.PUBLISHED),
        matrix=MatrixEntryFactory(matrix__workshop=held).matrix,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
