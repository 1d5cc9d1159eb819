"""What the frozen app runs: the same entry point as the `agent-desktop` command."""

import sys

from agent_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
