"""Entry point: `pressroom` and `python -m tui`."""

from __future__ import annotations

import sys

from tui.cli import main as cli_main


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
