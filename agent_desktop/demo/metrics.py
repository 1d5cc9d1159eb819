"""The seed plan's monitoring: counters in Prometheus' text format."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Metrics:
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def created(self, design: str) -> None:
        self.counts[("scheduled_messages_created_total", design)] += 1

    def sent(self, design: str) -> None:
        self.counts[("scheduled_messages_sent_total", design)] += 1

    def failed(self, design: str) -> None:
        self.counts[("scheduled_messages_failed_total", design)] += 1

    def api_request(self) -> None:
        """Every request to the API (what an idle window costs the server)."""
        self.counts[("demo_api_requests_total", "")] += 1

    def dispatcher_ran(self) -> None:
        self.counts[("scheduled_messages_dispatcher_runs_total", "")] += 1

    def value(self, name: str, design: str = "") -> int:
        return self.counts[(name, design)]

    def render(self) -> str:
        lines = []
        help_text = {
            "scheduled_messages_created_total": "Total scheduled messages created",
            "scheduled_messages_sent_total": "Total scheduled messages sent successfully",
            "scheduled_messages_failed_total": "Total scheduled messages failed",
            "scheduled_messages_dispatcher_runs_total": "Total runs of the scheduled "
            "messages dispatcher",
        }
        for name, text in help_text.items():
            lines.append(f"# HELP {name} {text}")
            lines.append(f"# TYPE {name} counter")
            if name.endswith("dispatcher_runs_total"):
                lines.append(f"{name} {self.counts[(name, '')]}")
                continue
            for design in ("fork", "seed"):
                lines.append(f'{name}{{design="{design}"}} {self.counts[(name, design)]}')
        lines.append("# HELP demo_api_requests_total Requests to the API, any answer")
        lines.append("# TYPE demo_api_requests_total counter")
        lines.append(f"demo_api_requests_total {self.counts[('demo_api_requests_total', '')]}")
        return "\n".join(lines) + "\n"
