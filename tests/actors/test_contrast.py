import pytest

from actors import contrast
from actors.look import DEFAULT_LOOK, Look, contrast_failures


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),
        ("#767676", "#ffffff", 4.54),
        ("#f00", "#fff", 4.0),
    ],
)
def test_it_measures_known_ratios(foreground, background, ratio):
    assert contrast.contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.005)
    assert contrast.contrast_ratio(background, foreground) == pytest.approx(ratio, abs=0.005)


def test_it_never_shows_a_failing_ratio_as_the_limit():
    assert contrast.shown_ratio(contrast.contrast_ratio("#777", "#fff")) == "4.48"
    assert contrast.shown_ratio(4.4999) == "4.49"


def test_it_reads_short_and_long_hex():
    assert contrast.normalised("#ABC") == "#aabbcc"
    assert contrast.channels("#0b5d57") == (11, 93, 87)
    for bad in ("0b5d57", "#0b5d5", "red", "#gggggg", "#0b5d57; }"):
        with pytest.raises(ValueError):
            contrast.normalised(bad)


def test_husbys_shades_are_the_ones_it_always_had():
    properties = DEFAULT_LOOK.properties()
    assert properties["--cih-primary-hover"] == "#084843"
    assert properties["--cih-primary-active"] == "#063b37"
    assert properties["--cih-primary-rgb"] == "11, 93, 87"


def test_husbys_look_passes_and_grey_links_do_not():
    assert contrast_failures(DEFAULT_LOOK) == []
    failures = contrast_failures(DEFAULT_LOOK._replace(primary="#777777"))
    assert [pair.background for pair, _ratio in failures] == ["primary", "#ffffff", "#f4f8f7"]


def test_light_text_on_a_dark_header_makes_a_dark_header():
    assert Look(header_background="#1d3557", header_text="#ffffff").dark_header
    assert not DEFAULT_LOOK.dark_header
