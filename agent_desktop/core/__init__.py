"""Pure-Python rules of the app: time zones, scheduling rules, the clock and paths."""
