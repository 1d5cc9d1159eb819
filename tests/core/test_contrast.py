"""WCAG 2 contrast, and the nearest readable colour to one that is not."""

from __future__ import annotations

import pytest

from agent_desktop.core.contrast import AA_TEXT, contrast_ratio, readable_on, relative_luminance


def test_black_on_white_is_21_and_a_colour_on_itself_is_1():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21)
    assert contrast_ratio("#3a7bd5", "#3a7bd5") == pytest.approx(1)


def test_the_grey_that_just_passes_on_white():
    # the well-known edge: #767676 is the lightest grey readable on white at AA
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < AA_TEXT
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)


def test_a_readable_colour_is_left_as_it_is():
    assert readable_on("#1A1A1A", ["#ffffff", "#f1f3f5"]) == "#1a1a1a"


def test_light_grey_on_white_darkens_just_enough():
    fixed = readable_on("#bebebe", ["#ffffff"])
    assert AA_TEXT <= contrast_ratio(fixed, "#ffffff") < AA_TEXT + 0.2
    assert relative_luminance(fixed) < relative_luminance("#bebebe")


def test_dark_grey_on_dark_grounds_lightens_for_every_ground():
    grounds = ["#2a2a2a", "#1f3a5f", "#3d3418"]
    fixed = readable_on("#6b6b6b", grounds)
    assert all(contrast_ratio(fixed, ground) >= AA_TEXT for ground in grounds)
    assert relative_luminance(fixed) > relative_luminance("#6b6b6b")


def test_a_colour_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        contrast_ratio("grey", "#ffffff")
