"""The demo server as the Chatwoot servers agents really run: one profile per version or
fork whose answers differ in a way the app must handle, and a switch for the nginx in
front of most installs. Every profile keeps real Chatwoot's awkward parts (activity
messages, Rails' search, policy refusals as 401, plain-text 429s); they differ only
where real servers differ. The default is current upstream."""

from __future__ import annotations

from dataclasses import dataclass, replace

# what Chatwoot 4.3's MessageBuilder#message_params lets through of content_attributes
CONTENT_ATTRIBUTES_KEPT_BY_4_3 = frozenset({"items", "in_reply_to", "automation_rule_id"})


@dataclass(frozen=True)
class ServerProfile:
    name: str
    description: str
    version: str = "4.15.1"  # GET /api
    # later upstream passes content_attributes through; 4.3 keeps only a few keys
    keeps_content_attributes: bool = True
    # the fork's scheduled_messages permits hold_on_reply since its PR #322
    fork_holds_on_reply: bool = True
    # a destroy that renders nothing: Rails answers 204 with an empty body
    fork_delete_answers_the_row: bool = False
    # other forks: a bare JSON array for the list, 409 for a row no longer pending
    fork_bare_lists: bool = False
    fork_conflicts: bool = False
    # nginx drops header names with underscores unless `underscores_in_headers on`
    behind_nginx: bool = False
    page_size: int = 25  # CONVERSATION_RESULTS_PER_PAGE, set per install

    def kept_attributes(self, attributes: dict[str, object]) -> dict[str, object]:
        """What of a new message's content_attributes the server keeps."""
        if self.keeps_content_attributes:
            return dict(attributes)
        return {k: v for k, v in attributes.items() if k in CONTENT_ATTRIBUTES_KEPT_BY_4_3}


UPSTREAM = ServerProfile(
    "upstream",
    "current upstream Chatwoot (4.15), the fork's scheduled_messages after its PR #322, "
    "and the seed plan's scheduled_at design",
)
PROFILES: dict[str, ServerProfile] = {
    profile.name: profile
    for profile in (
        UPSTREAM,
        replace(
            UPSTREAM,
            name="chatwoot-4.3",
            description="Chatwoot 4.3: drops content_attributes it does not know",
            version="4.3.0",
            keeps_content_attributes=False,
        ),
        replace(
            UPSTREAM,
            name="fork-before-322",
            description="the fork before its PR #322: hold_on_reply ignored, not echoed",
            fork_holds_on_reply=False,
        ),
        replace(
            UPSTREAM,
            name="other-fork",
            description="another fork's scheduled_messages: bare lists, 409 conflicts, "
            "a delete that answers the row",
            fork_bare_lists=True,
            fork_conflicts=True,
            fork_delete_answers_the_row=True,
        ),
    )
}


def profile_named(
    name: str, *, behind_nginx: bool = False, page_size: int | None = None
) -> ServerProfile:
    """A profile by name (KeyError names the known ones), with the install's switches."""
    try:
        chosen = PROFILES[name]
    except KeyError:
        raise KeyError(f"unknown demo profile {name!r}; known: {', '.join(PROFILES)}") from None
    return replace(
        chosen,
        behind_nginx=behind_nginx or chosen.behind_nginx,
        page_size=page_size or chosen.page_size,
    )
