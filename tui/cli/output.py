"""Helpers the subcommands share for printing JSON and Rich output."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    """Write `data` as indented UTF-8 JSON to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
