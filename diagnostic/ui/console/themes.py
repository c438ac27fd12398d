"""The console's own theme: high contrast, for low vision and glare.

Textual's standard themes stay available (palette: « Thème »); this one
keeps text white or yellow on black, with no tinted surfaces.
"""
from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="contraste-eleve",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#FFFFFF",
        "block-cursor-blurred-foreground": "#000000",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "footer-background": "#000000",
        "input-selection-background": "#FFFF00 50%",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
    },
)

THEMES = (HIGH_CONTRAST,)
