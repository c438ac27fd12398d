"""The self-service kiosk (Textual; in a browser through textual-serve).

Imported only when `diagnostic kiosk` runs: `app.KioskApp` and one screen per
module, styles in `kiosk.tcss`. This file imports nothing, so that the command
can read the defaults below without loading Textual.
"""

#: The adviser's exit key, unless `--exit-key` says otherwise.
DEFAULT_EXIT_KEY = "ctrl+f12"
#: The environment variable holding the adviser's PIN (better than `--pin`: a command
#: line is visible to every user of the machine).
PIN_VARIABLE = "DIAGNOSTIC_KIOSK_PIN"
