"""The local database: server profiles, the outbox, its attempt log and settings."""
