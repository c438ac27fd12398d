"""Entry point: `python main.py …` is the same as the `diagnostic` command."""
import sys

from diagnostic.cli import main

if __name__ == "__main__":
    sys.exit(main())
