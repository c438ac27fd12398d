"""The self-service kiosk (Textual; in a browser through textual-serve).

Imported only when `diagnostic kiosk` runs: `app.KioskApp` and one screen per
module, styles in `kiosk.tcss`.
"""
