"""Entry point of `agent-desktop` and `python -m agent_desktop`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from agent_desktop.commands.main import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
