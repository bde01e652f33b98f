"""The demo collaborations `seed_demo --collaboration` loads, each into a database of its own
(one deployment per collaboration): Husby's (portal/demo.py, the default) and the two other
collaborations of the seeds, told from their content in this package."""

from collections.abc import Callable
from typing import NamedTuple

from actors import demo as actors_demo
from portal import demo as husby

from . import helsingborg, malmo
from .story import Collaboration


class Demo(NamedTuple):
    name: str  # the collaboration's name in its site settings
    load: Callable[..., None]


def _told(content) -> Demo:
    collaboration = Collaboration.of(content)
    return Demo(collaboration.name, collaboration.load)


DEMOS = {
    "husby": Demo(actors_demo.SITE["name_sv"], husby.load),
    "helsingborg": _told(helsingborg),
    "malmo": _told(malmo),
}
DEFAULT = "husby"
