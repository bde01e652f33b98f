"""The import contract in pyproject.toml (checked by `lint-imports` in `make test`) sees only the
packages it lists: an app left out of it could import any floor unnoticed."""

import re
import tomllib

from django.conf import settings


def test_the_import_contract_knows_every_app():
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["tool"]
    contract = config["importlinter"]
    (layers,) = [c["layers"] for c in contract["contracts"] if c["type"] == "layers"]
    # "a | b" and "a : b" are apps on one floor; "(a)" is a floor that may be absent.
    on_a_floor = [name for layer in layers for name in re.findall(r"[\w.]+", layer)]

    assert set(contract["root_packages"]) == {"cih", *settings.PORTAL_APPS}
    assert set(contract["root_packages"]) <= set(on_a_floor)
    assert len(on_a_floor) == len(set(on_a_floor))
