"""Scheduling: one service over three backends (the fork's resource, the seed plan's
scheduled_at, the local outbox) and the dispatcher that sends the local outbox."""
