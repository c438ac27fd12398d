"""The kiosk's high-contrast theme (Textual ships none): white on black, yellow focus.

Contrast ratios (WCAG 2.x): white on black 21:1, black on yellow 19.6:1,
black on light blue 12.6:1, so every text on screen passes AAA (7:1).
"""
from __future__ import annotations

from textual.theme import Theme

NAME = "diagnostic-contraste"

HIGH_CONTRAST = Theme(
    name=NAME,
    primary="#ffd700",      # focus and the main button: black on yellow
    secondary="#8fd3ff",    # other buttons: black on light blue
    accent="#ffd700",
    warning="#ffd700",
    error="#ff8080",        # a refused answer: light red on black (7.6:1)
    success="#7dff7d",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    boost="#262626",
    dark=True,
    luminosity_spread=0.0,  # no muted shades: every colour is the one above
    text_alpha=1.0,
)
