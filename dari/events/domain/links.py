"""Video links of virtual meetings from the event's URL template (one room per meeting)."""

from __future__ import annotations

from typing import Any


def video_link(meeting: Any) -> str:
    """The meeting's video link, or "" for an in-person meeting or an event without a template.
    {room} is the meeting's unguessable room name (never its sequential id)."""
    template = meeting.event.video_url_template
    if not template or meeting.table is not None:
        return ""
    link: str = (
        template.replace("{event}", meeting.event.slug)
        .replace("{room}", meeting.room)
        .replace("{uid}", str(meeting.uid))
    )
    return link
