"""Exit codes of the command line."""

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2
EXIT_REMOTE = 3
