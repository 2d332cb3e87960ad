"""The answer every layer of the endpoint returns: status, content type, body."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Reply", "text_reply", "forbidden"]


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    retry_after: int | None = None  # seconds, for a 503 that a retry may get past


def text_reply(status: int, message: str, retry_after: int | None = None) -> Reply:
    """A plain-text answer: the message as one line (or a few), ending in a newline."""
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), retry_after)


def forbidden(what: str) -> Reply:
    """403 for a write to a read-only endpoint."""
    return text_reply(403, f"Forbidden: this endpoint is read-only ({what} refused)")
