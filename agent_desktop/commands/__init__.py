"""The command line. Exit codes: 0 ok, 2 invalid input, 3 server, network or auth
error, 1 anything else. Each subcommand lives in its own module here."""
