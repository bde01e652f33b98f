"""The browser the journeys and the page tour drive, and how axe-core's findings are read."""

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serious_violations(axe_response: dict) -> list[str]:
    """axe-core's serious and critical findings, one line each with up to three elements."""
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        for violation in axe_response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
