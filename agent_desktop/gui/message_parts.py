"""Pieces of a message in the thread: its delivery mark, its attachments (a picture
shown small once fetched, other files by name and size) and its text, folded when long.
Each piece is HTML for the thread's document."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale

from agent_desktop.chatwoot import markdown
from agent_desktop.chatwoot.records import Attachment, Message, MessageType
from agent_desktop.gui.colours import Colours
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.previews import Preview, Previews

ACTION_SCHEME = "agent-desktop"
PREVIEW_SCHEME = "agent-desktop-preview"  # a fetched picture, held in memory


def has_delivery(message: Message) -> bool:
    """An agent's message to the customer: the channel says how its delivery went."""
    outgoing = message.message_type in (MessageType.OUTGOING, MessageType.TEMPLATE)
    return outgoing and not message.private and not message.is_deleted


def external_error(message: Message) -> str:
    return str(message.content_attributes.get("external_error") or "").strip()


def delivery_mark(message: Message, colours: Colours) -> str:
    """The mark beside the time: sent ✓, delivered ✓✓, read ✓✓ in colour, failed ⚠."""
    if not has_delivery(message):
        return ""
    status = message.status
    if status == "failed":
        error = external_error(message)
        tip = f" title='{html.escape(error, quote=True)}'" if error else ""
        word = tr("Not delivered", "a message the channel did not deliver")
        return f" · <span style='color:{colours.error}'{tip}>⚠ {html.escape(word)}</span>"
    marks = {
        "progress": ("…", tr("Sending", "a message on its way to the channel")),
        "sent": ("✓", tr("Sent", "a message the channel took")),
        "delivered": ("✓✓", tr("Delivered", "a message that reached the customer")),
        "read": ("✓✓", tr("Read", "a message the customer has seen")),
    }
    if status not in marks:
        return ""
    mark, word = marks[status]
    colour = colours.link if status == "read" else colours.caption
    return (
        f" · <span style='color:{colour}' title='{html.escape(word, quote=True)}'>"
        f"{mark} {html.escape(word)}</span>"
    )


def failure_line(message: Message, colours: Colours) -> str:
    """A failed message's reason from the channel, under its text."""
    if not has_delivery(message) or message.status != "failed":
        return ""
    error = external_error(message) or tr("The channel gave no reason")
    escaped = html.escape(error, quote=True)
    return (
        f"<div style='color:{colours.error}; font-size:small'><span title='{escaped}'>"
        f"⚠ {escaped}</span></div>"
    )


def body(message: Message, expanded: bool, colours: Colours) -> str:
    """The text as Chatwoot shows it; a long one folded unless the reader opened it."""
    link_style = f"color:{colours.link}"
    short = markdown.folded(message.content)
    if short is None:
        return markdown.to_html(message.content, link_style=link_style)
    if expanded:
        text, action, label = message.content, "less", tr("Show less")
    else:
        text, action, label = short, "more", tr("Show more")
    ellipsis = "" if expanded else "… "
    return (
        markdown.to_html(text, link_style=link_style)
        + f"<p>{ellipsis}<a style='{link_style}' href='{ACTION_SCHEME}:{action}/{message.id}'>"
        + f"<b>{html.escape(label)}</b></a></p>"
    )


def size_text(size: int | None) -> str:
    """A file's size as the language writes it: 820 bytes, 12.5 KB, 3.2 MB."""
    if size is None:
        return ""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def attachments(message: Message, previews: Previews | None, colours: Colours) -> str:
    parts = []
    for index, attachment in enumerate(message.attachments):
        href = f"{ACTION_SCHEME}:attachment/{message.id}/{index}"
        preview = None
        if attachment.file_type == "image" and previews is not None:
            previews.want(attachment)
            preview = previews.get(attachment)
        if preview is not None and preview.image is not None:
            parts.append(_picture(preview, href, attachment))
        else:
            parts.append(_file(attachment, href, preview, previews, colours))
    return "".join(parts)


def _picture(preview: Preview, href: str, attachment: Attachment) -> str:
    assert preview.image is not None
    name = html.escape(attachment.filename or tr("picture"), quote=True)
    return (
        f"<div><a href='{href}'><img src='{PREVIEW_SCHEME}:{preview.number}' "
        f"width='{preview.image.width()}' height='{preview.image.height()}' alt='{name}'>"
        "</a></div>"
    )


def _file(
    attachment: Attachment,
    href: str,
    preview: Preview | None,
    previews: Previews | None,
    colours: Colours,
) -> str:
    """A file by name and size, a link to open it; a picture not (yet) shown says why."""
    name = html.escape(attachment.filename or attachment.file_type)
    details = [size_text(attachment.file_size)]
    if attachment.file_type == "image" and previews is not None:
        if preview is None:
            details.append(tr("loading the preview…"))
        elif preview.too_large:
            details.append(tr("too large to preview"))
        else:
            details.append(tr("no preview: {reason}").format(reason=preview.reason))
    said = " · ".join(html.escape(d) for d in details if d)
    label = tr("Attachment:")
    small = f" <span style='color:{colours.caption}; font-size:small'>({said})</span>"
    return (
        f"<div><span style='color:{colours.caption}'>{label}</span> "
        f"<a style='color:{colours.link}' href='{href}'>{name}</a>{small if said else ''}</div>"
    )
