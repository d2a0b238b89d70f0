"""Entry point for ``python -m xborder``."""

import sys

from xborder.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m xborder"))
