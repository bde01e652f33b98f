"""What the apps above this one show on an initiative's page: its money and its published reports.

The funding and reports apps sit higher in the house, so this app does not import them: the top
floor registers a builder for each place on the page (`PortalConfig.ready()`). A builder is handed
the initiative the page has already loaded and the user, and returns the sections to show there.
"""

from collections.abc import Callable

from .models import Initiative

Builder = Callable[[Initiative, object], list]


def nothing(initiative: Initiative, user) -> list:
    """Used only where no top floor has registered its builders."""
    return []


_builders: dict[str, Builder] = {"funding": nothing, "results": nothing}


def register(*, funding: Builder, results: Builder) -> None:
    """Let the top floor say what the page shows under "Funding" and after "Results"."""
    _builders.update(funding=funding, results=results)


def funding_sections(initiative: Initiative, user) -> list:
    return _builders["funding"](initiative, user)


def result_sections(initiative: Initiative, user) -> list:
    return _builders["results"](initiative, user)
