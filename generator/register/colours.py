"""Colours of the site's identity: written `#RRGGBB`, and legible under white text (WCAG 2.1, 1.4.3)."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
#: WCAG 2.1 AA for normal text (RGAA criterion 3.2)
MINIMUM_CONTRAST = 4.5


def channels(colour: str) -> tuple[int, int, int]:
    """`#1A5C8E` -> (26, 92, 142)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance, from 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour: str) -> float:
    """The contrast ratio of white text on `colour`, from 1 to 21."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def darker(colour: str, share: float = 0.2) -> str:
    """`colour` mixed with `share` of black (the shade of the bar under the header)."""
    return "#" + "".join(f"{round(channel * (1 - share)):02x}" for channel in channels(colour))


def colour_problem(value: str) -> str | None:
    """Why `value` cannot be a colour of the site, in French; None when it can."""
    if not HEX_COLOUR.fullmatch(value):
        return (
            "Couleur attendue sous la forme « #RRGGBB » (six chiffres hexadécimaux), par exemple « #1a5c8e », "
            f"pas « {value} »."
        )
    ratio = contrast_with_white(value)
    if ratio < MINIMUM_CONTRAST:
        shown = f"{ratio:.2f}".replace(".", ",")
        return (
            f"Contraste insuffisant : le texte blanc sur {value} n’atteint que {shown}:1, il faut au moins 4,5:1 "
            "(RGAA, critère 3.2). Choisissez une teinte plus foncée."
        )
    return None
