"""The demo's world: one agent in three accounts (one per scheduling design), each with
email, WhatsApp and website inboxes (and an English e-mail one in New York) and a few
dozen believable conversations."""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desktop.demo import contact_details, inbox_hours, phones, seed_extras
from agent_desktop.demo.models import (
    Account,
    AccountUser,
    Attachment,
    Contact,
    Conversation,
    Inbox,
    Message,
    Scheduling,
    Team,
    TeamMember,
    User,
)
from agent_desktop.demo.state import INCOMING, OUTGOING, DemoState

DEFAULT_TOKEN = "demo-agent-token"


@dataclass(frozen=True)
class DemoAccounts:
    upstream: int
    fork: int
    seed: int

    def for_design(self, design: Scheduling) -> int:
        return {
            Scheduling.NONE: self.upstream,
            Scheduling.FORK: self.fork,
            Scheduling.SEED: self.seed,
        }[design]


FIRST = [
    "Ana",
    "João",
    "Mariana",
    "Pedro",
    "Camila",
    "Lucas",
    "Beatriz",
    "Rafael",
    "Juliana",
    "Gabriel",
    "Larissa",
    "Thiago",
    "Sarah",
    "Michael",
    "Emily",
    "David",
    "Olivia",
    "James",
]
LAST = [
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Lima",
    "Pereira",
    "Carvalho",
    "Almeida",
    "Ferreira",
    "Ribeiro",
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
]

# "c:" the customer speaks, "a:" the agent
DIALOGUES_PT = [
    [
        "c:Oi, meu pedido #{n} ainda não chegou. Podem verificar?",
        "a:Olá! Claro, vou consultar a transportadora agora mesmo.",
        "a:Consta como em trânsito, previsão de entrega amanhã.",
        "c:Ah, ótimo. Obrigada pelo retorno!",
    ],
    [
        "c:Boa tarde, quero trocar o tamanho de uma camiseta.",
        "a:Boa tarde! Qual tamanho você gostaria?",
        "c:G, por favor. A M ficou apertada.",
        "a:Perfeito, vou gerar a etiqueta de troca e te envio por aqui.",
    ],
    [
        "c:O boleto venceu ontem, consigo pagar ainda?",
        "a:Consegue sim! Vou emitir uma segunda via com nova data.",
        "c:Pode mandar por aqui mesmo?",
    ],
    ["c:Vocês entregam em Campinas no sábado?", "a:Entregamos sim, das 8h às 14h."],
    [
        "c:Meu cupom PRIMEIRA10 não funcionou no carrinho.",
        "a:Que pena! Ele vale para compras acima de R$ 100. Seu carrinho estava em quanto?",
        "c:R$ 89,90. Entendi, vou adicionar mais um item.",
    ],
    [
        "c:Quero cancelar minha assinatura.",
        "a:Posso ajudar! Antes, posso te oferecer dois meses com 50% de desconto?",
        "c:Vou pensar e te respondo amanhã.",
    ],
]
DIALOGUES_EN = [
    [
        "c:Hi, I was charged twice for order #{n}.",
        "a:Sorry about that! I can see both charges; I'm refunding the duplicate now.",
        "c:Thanks. How long does the refund take?",
        "a:Usually 3 to 5 business days.",
    ],
    [
        "c:Can I change my delivery address?",
        "a:Yes, as long as it hasn't shipped. What's the new address?",
    ],
    [
        "c:Is the blue backpack back in stock?",
        "a:It's due back next Tuesday. Want me to let you know?",
        "c:Yes please!",
    ],
]
NOTES = [
    "Cliente VIP, priorizar.",
    "Reembolso aprovado pelo financeiro.",
    "Checked with the warehouse: ships Monday.",
]
STATUSES = ["open"] * 18 + ["pending"] * 6 + ["resolved"] * 8 + ["snoozed"] * 4
LABELS = ["vip", "entrega", "troca", "financeiro", "billing"]
# besides the agent signed in and Bruno, the account's other agents: name, role
MORE_AGENTS = [
    ("Carla Mendes", "administrator"),
    ("Diego Rocha", "agent"),
    ("Elisa Martins", "agent"),
]
# name, description, whether it assigns by itself, its members (Ana, Bruno, then the above)
TEAMS = [
    ("Suporte", "Entregas, trocas e dúvidas", True, (0, 1, 3)),
    ("Financeiro", "Boletos, reembolsos e cobranças", False, (2, 4)),
]


def seed(
    state: DemoState,
    *,
    token: str = DEFAULT_TOKEN,
    conversations_per_account: int = 36,
    now: datetime | None = None,
) -> DemoAccounts:
    rng = random.Random(20261125)
    now = now or state.clock.now()
    with state.session() as s:
        agent = User(
            name="Ana Souza",
            email="ana@demo.example",
            access_token=token,
            pubsub_token=uuid.uuid4().hex,
        )
        colleague = User(
            name="Bruno Costa",
            email="bruno@demo.example",
            access_token=uuid.uuid4().hex,
            pubsub_token=uuid.uuid4().hex,
        )
        others = [
            User(
                name=name,
                email=f"{name.split()[0].lower()}@demo.example",
                access_token=uuid.uuid4().hex,
                pubsub_token=uuid.uuid4().hex,
            )
            for name, _role in MORE_AGENTS
        ]
        s.add_all([agent, colleague, *others])
        accounts = {
            Scheduling.NONE: Account(
                name="Loja Azul (Chatwoot)",
                scheduling="none",
                features={"canned_responses": True, "campaigns": True},
            ),
            Scheduling.FORK: Account(
                name="Loja Verde (scheduled messages)",
                scheduling="fork",
                features={"canned_responses": True},
            ),
            Scheduling.SEED: Account(
                name="Loja Roxa (scheduled_at)",
                scheduling="seed",
                features={"canned_responses": True, "scheduled_messages": True},
            ),
        }
        s.add_all(accounts.values())
        s.flush()
        ids = {"contact": itertools.count(1), "conversation": itertools.count(1)}
        for account in accounts.values():
            s.add_all(
                [
                    AccountUser(account_id=account.id, user_id=agent.id, role="agent"),
                    AccountUser(account_id=account.id, user_id=colleague.id, role="agent"),
                ]
            )
            s.add_all(
                AccountUser(account_id=account.id, user_id=user.id, role=role)
                for user, (_name, role) in zip(others, MORE_AGENTS, strict=True)
            )
            _seed_account(s, ids, rng, account, agent, colleague, conversations_per_account, now)
            _seed_teams(s, account, [agent, colleague, *others], now)
        return DemoAccounts(
            accounts[Scheduling.NONE].id, accounts[Scheduling.FORK].id, accounts[Scheduling.SEED].id
        )


def _seed_teams(s: Session, account: Account, people: list[User], now: datetime) -> None:
    """The account's teams, and a few of the conversations the support team's members
    hold given to it."""
    teams = []
    for name, description, auto_assign, members in TEAMS:
        team = Team(
            account_id=account.id,
            name=name,
            description=description,
            allow_auto_assign=auto_assign,
            created_at=now,
            updated_at=now,
        )
        s.add(team)
        s.flush()
        s.add_all(TeamMember(team_id=team.id, user_id=people[n].id) for n in members)
        teams.append(team)
    support = {people[n].id for n in TEAMS[0][3]}
    for conversation in s.scalars(
        select(Conversation).where(Conversation.account_id == account.id)
    ):
        if conversation.display_id % 4 == 1 and conversation.assignee_id in support:
            conversation.team_id = teams[0].id


def _seed_account(
    s: Session,
    ids: Mapping[str, Iterator[int]],
    rng: random.Random,
    account: Account,
    agent: User,
    colleague: User,
    count: int,
    now: datetime,
) -> None:
    inboxes = [
        Inbox(
            account_id=account.id,
            name="WhatsApp Vendas",
            channel_type="Channel::Whatsapp",
            timezone="America/Sao_Paulo",
        ),
        Inbox(
            account_id=account.id,
            name="E-mail Suporte",
            channel_type="Channel::Email",
            timezone="Europe/Lisbon",
        ),
        Inbox(
            account_id=account.id,
            name="Chat do site",
            channel_type="Channel::WebWidget",
            timezone="UTC",
        ),
        # last, so the three above keep their places (and the first account its ids)
        Inbox(
            account_id=account.id,
            name="E-mail Support US",
            channel_type="Channel::Email",
            timezone="America/New_York",
        ),
    ]
    inbox_hours.keep_hours(inboxes)
    s.add_all(inboxes)
    s.flush()
    seen: list[tuple[Contact, bool]] = []  # the account's contacts so far, English or not
    for index in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        english = first in {"Sarah", "Michael", "Emily", "David", "Olivia", "James"}
        contact = Contact(
            account_id=account.id,
            name=f"{first} {last}",
            email=f"{first.lower()}.{last.lower()}{index}@example.com",
            phone_number=f"+55119{rng.randint(10000000, 99999999)}",
            # some contacts come from a CRM with an id of its own (searched case-sensitively)
            identifier=f"CRM-{1000 + index}" if index % 2 == 0 else None,
        )
        contact.id = next(ids["contact"])  # ids given here: no flush per row
        contact.additional_attributes = contact_details.additional_attributes(
            index, first, last, english
        )
        contact.custom_attributes = contact_details.custom_attributes(index)
        contact.phone_number = phones.phone_for(contact, index)
        s.add(contact)
        returning = contact_details.returning(index, english, seen)
        seen.append((contact, english))
        contact = returning or contact  # a customer who wrote before, in an older conversation
        # an English speaker's would-be website chat comes by the English e-mail instead
        inbox = inboxes[3] if english and index % 3 == 2 else inboxes[index % 3]
        status = STATUSES[index % len(STATUSES)]
        # most conversations are recent, so WhatsApp replies are inside the 24-hour window
        started = now - timedelta(
            hours=rng.choice([2, 5, 9, 20, 30, 50, 80]), minutes=rng.randint(0, 59)
        )
        assignee = rng.choice([agent, agent, colleague, None])
        conversation = Conversation(
            account_id=account.id,
            display_id=account.next_display_id,
            inbox_id=inbox.id,
            contact_id=contact.id,
            assignee_id=assignee.id if assignee else None,
            status=status,
            priority=rng.choice([None, None, "high", "low"]),
            labels=rng.sample(LABELS, rng.choice([0, 0, 1, 2])),
            custom_attributes=contact_details.conversation_attributes(index),
            snoozed_until=now + timedelta(days=1) if status == "snoozed" else None,
            unread_count=0,
            uuid=str(uuid.uuid4()),
            created_at=started,
            updated_at=started,
            last_activity_at=started,
        )
        account.next_display_id += 1
        conversation.id = next(ids["conversation"])
        s.add(conversation)
        dialogue = rng.choice(DIALOGUES_EN if english else DIALOGUES_PT)
        moment = started
        last_message: Message | None = None
        for turn, line in enumerate(dialogue):
            moment += timedelta(minutes=rng.randint(2, 40))
            if moment > now:
                break
            speaker, text = line.split(":", 1)
            incoming = speaker == "c"
            last_message = Message(
                account_id=account.id,
                conversation_id=conversation.id,
                inbox_id=inbox.id,
                content=text.format(n=rng.randint(10000, 99999)),
                message_type=INCOMING if incoming else OUTGOING,
                content_type="text",
                content_attributes={},
                private=False,
                status="read" if not incoming else "sent",
                source_id=f"seed-{conversation.id}-{turn}",
                sender_type="Contact" if incoming else "User",
                sender_id=contact.id if incoming else (assignee or agent).id,
                created_at=moment,
                updated_at=moment,
            )
            if turn == 0 and index % 7 == 3:
                last_message.attachments.append(
                    Attachment(
                        account_id=account.id,
                        filename="comprovante.pdf",
                        content_type="application/pdf",
                        data=b"%PDF-1.4 demo receipt\n",
                    )
                )
            seed_extras.dress(last_message, index, turn, inbox.channel_type)
            s.add(last_message)
            if turn == 1 and index % 5 == 0:
                moment += timedelta(minutes=1)
                s.add(
                    Message(
                        account_id=account.id,
                        conversation_id=conversation.id,
                        inbox_id=inbox.id,
                        content=rng.choice(NOTES),
                        message_type=OUTGOING,
                        content_type="text",
                        content_attributes={},
                        private=True,
                        status="sent",
                        sender_type="User",
                        sender_id=agent.id,
                        created_at=moment,
                        updated_at=moment,
                    )
                )
        if last_message is not None:
            conversation.last_activity_at = conversation.updated_at = min(moment, now)
            if last_message.message_type == INCOMING and status == "open":
                conversation.unread_count = rng.randint(1, 3)
