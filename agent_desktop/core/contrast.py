"""How readable one colour is on another, as WCAG 2 measures it, and the nearest colour
that is readable enough. Colours are "#rrggbb" strings."""

from __future__ import annotations

from collections.abc import Iterable

AA_TEXT = 4.5  # WCAG 2 AA, normal-sized text


def _channels(colour: str) -> tuple[int, int, int]:
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(text, 16)
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def _hex(channels: Iterable[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in channels)


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float:
    """From 1 (the same) to 21 (black on white); the order does not matter."""
    a, b = relative_luminance(fg), relative_luminance(bg)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def mix(a: str, b: str, amount: float) -> str:
    """`amount` of the way from a to b."""
    return _hex(x + (y - x) * amount for x, y in zip(_channels(a), _channels(b), strict=True))


def readable_on(fg: str, backgrounds: Iterable[str], minimum: float = AA_TEXT) -> str:
    """`fg` itself when it reads well enough on every background, else the colour
    nearest to it, towards black on light backgrounds or white on dark ones, that does:
    a desktop theme's own background keeps the colour's hue where it can."""
    grounds = [b.lower() for b in backgrounds]
    if not grounds or all(contrast_ratio(fg, b) >= minimum for b in grounds):
        return fg.lower()
    darkest = min(relative_luminance(b) for b in grounds)
    lightest = max(relative_luminance(b) for b in grounds)
    # black reaches further on light grounds, white on dark ones
    target = "#000000" if (lightest + 0.05) / 0.05 >= 1.05 / (darkest + 0.05) else "#ffffff"
    low, high = 0.0, 1.0  # the least mix that is readable, found by halving
    for _ in range(16):
        middle = (low + high) / 2
        if all(contrast_ratio(mix(fg, target, middle), b) >= minimum for b in grounds):
            high = middle
        else:
            low = middle
    return mix(fg, target, high)
