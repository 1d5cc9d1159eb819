"""The demo accounts' canned responses, as Chatwoot lists them (a bare array, narrowed by
`search`: short code or content, any case), and their labels."""

from __future__ import annotations

from typing import Any

from agent_desktop.demo.seed_data import LABELS

# the same for every account: short code, content (with Chatwoot's message variables)
CANNED = [
    ("oi", "Oi {{contact.first_name}}! Aqui é {{agent.first_name}}, como posso ajudar?"),
    ("prazo", "O prazo de entrega é de 3 a 5 dias úteis após a confirmação do pagamento."),
    ("troca", "Para trocar, responda com o número do pedido e a foto da etiqueta."),
    ("reembolso", "O reembolso aparece na fatura em até duas faturas, conforme o seu banco."),
    ("hello", "Hi {{contact.first_name}}, this is {{agent.name}}. How can I help?"),
    ("refund", "Your refund was processed today; it shows up in 3 to 5 business days."),
    ("bye", "Obrigada pelo contato, {{contact.first_name}}! Qualquer coisa, é só chamar."),
]


def canned_responses(account_id: int, search: str | None) -> list[dict[str, Any]]:
    wanted = (search or "").casefold()
    return [
        {"id": number, "account_id": account_id, "short_code": code, "content": content}
        for number, (code, content) in enumerate(CANNED, start=1)
        if wanted in code.casefold() or wanted in content.casefold()
    ]


def label_list() -> list[dict[str, Any]]:
    """The labels the seed puts on conversations, as Chatwoot's labels index gives them."""
    return [
        {"id": n, "title": t, "description": "", "color": "#1f93ff", "show_on_sidebar": True}
        for n, t in enumerate(LABELS, start=1)
    ]
