"""Agent Desktop: a Chatwoot client for agents that schedules replies."""

__version__ = "0.1.0"
