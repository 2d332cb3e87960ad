"""Small real articles for the build tests: short enough for the real pipeline to be quick,
with names shared between articles (one entity across several graphs) and names of their own."""

from __future__ import annotations

import io
from pathlib import Path

from kgraph.export.rdf import write_rdf

PEOPLE = [
    "Olena Marchenko",
    "Taras Hrytsenko",
    "Iryna Bondar",
    "Mykola Savchuk",
    "Oksana Lysenko",
    "Petro Melnyk",
    "Halyna Tkachenko",
    "Andrii Kovalenko",
    "Yulia Shevchuk",
    "Serhii Moroz",
]
CITIES = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy"]


def article_text(i: int) -> str:
    person, other = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 3) % len(PEOPLE)]
    city = CITIES[i % len(CITIES)]
    return (
        f"Strikes hit {city} as talks stall ({i})\n\n"
        f"Russian forces attacked {city} overnight with drones, Ukrainian officials said on Monday.\n\n"
        f'"We will rebuild every house," said {person}, the mayor of {city}.\n\n'
        f"Volodymyr Zelenskiy, the President of Ukraine, said Kyiv needed more air defence. "
        f"{other}, a spokesman for the regional administration, said two people were injured.\n"
    )


def write_corpus(folder: Path, n: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"art_{i:03d}.txt"
        p.write_text(article_text(i), encoding="utf-8")
        paths.append(p)
    return paths


def exports(store) -> dict[str, bytes]:
    out = {}
    for fmt in ("turtle", "trig", "nq"):
        buf = io.BytesIO()
        write_rdf(store, fmt, buf)
        out[fmt] = buf.getvalue()
    return out
