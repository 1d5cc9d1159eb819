"""A Chatwoot-compatible demo server: the API subset the app uses, with the real shapes,
plus both server scheduling designs, chosen per account. For `--demo` and for tests."""
