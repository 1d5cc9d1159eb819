"""A typed httpx client for the Chatwoot API an agent needs, scheduling designs included."""
