"""The one slug function: IRIs are made from it, and entity keys that slug alike are one entity."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["canonical_key", "key_identity", "slug"]


def slug(text: str) -> str:
    """ASCII, lower case, runs of other characters as one hyphen: "José Luis" -> "jose-luis"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "x"


def key_identity(key: str) -> str:
    """What an entity key's IRI is made of: keys equal here ("group:african-american" and
    "group:african american", "person:hugo chávez" and "person:hugo chavez") name one entity."""
    if key.startswith("wd:"):
        return key
    kind, _, rest = key.partition(":")
    return f"{slug(kind)}/{slug(rest.replace('wd:', ''))}"


def canonical_key(key: str) -> str:
    """An entity key in the one spelling its IRI allows: text parts as plain ASCII words
    ("person:hugo chávez" -> "person:hugo chavez", "group:african-american" -> "group:african
    american"), references to other keys ("wd:Q212", "gz:Label") kept as they are. Two keys
    with one IRI have one canonical form, so an entity has one kg:entityKey in every article."""
    if key.startswith(("wd:", "gz:")):
        return key
    kind, _, rest = key.partition(":")
    parts = rest.split(":")
    out: list[str] = []
    i = 0
    while i < len(parts):
        if parts[i] in ("wd", "gz") and i + 1 < len(parts):
            out.append(f"{parts[i]}:{parts[i + 1]}")
            i += 2
            continue
        out.append(" ".join(slug(parts[i]).split("-")))
        i += 1
    return f"{kind}:{':'.join(out)}"
