"""`python -m diagnostic …`: the same as `python main.py …` (used by `kiosk --serve`)."""
import sys

from .cli import main

sys.exit(main())
