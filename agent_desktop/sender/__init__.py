"""The sender: one process per data directory that sends the local outbox (the headless
`agent-desktop run`, started by the window or at login), with its lock, its control
socket and what it tells the window."""
