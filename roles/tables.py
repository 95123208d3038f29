"""Skill tables as plain data for ``{% skill_table %}`` (templates/jinja2/includes/skill_table.html).

The role comparison, the assessment result (and its "how ready am I for…" re-score) and
the comparison of two assessments all show skills in rows with levels, importance, gaps
and statuses in cells. Their markup is one include, rendered once per table from the
grid built here, so the template is flat loops over dicts (no include per cell, no
lookups that fall through to attributes). Every cell has every key, for the same reason.
"""

from typing import TypedDict

from django.utils.text import slugify

from roles.scale import Importance


class Cell(TypedDict):
    # "expectation" (level, change against the baseline, importance, descriptor),
    # "missing", "level", "importance", "gap", "status" or "text".
    kind: str
    css: str
    text: str
    level: int | None  # None: not rated
    level_name: str
    descriptor: str
    importance: str  # Importance value, "" when not shown
    importance_label: str
    change: str  # "▲ +2 levels", "−1", …
    change_css: str  # "delta-up", "delta-down" or ""
    arrow: str
    same: str  # "Same as <baseline>" text for unchanged cells
    status: str
    status_label: str
    status_symbol: str


class Header(TypedDict):
    text: str
    url: str
    note: str
    css: str
    blank: bool


class Row(TypedDict):
    header: str
    note: str
    note_css: str
    hidden: str  # screen-reader-only suffix of the row header
    css: str
    cells: list[Cell]


class Section(TypedDict):
    title: str
    rows: list[Row]


class Table(TypedDict):
    id: str  # the caption's id, which names the scrollable region around the table
    css: str
    caption: str
    caption_hidden: bool
    head: list[Header]
    sections: list[Section]
    tbody_per_section: bool  # <tbody> per section (rowgroup) vs category rows in one tbody
    empty: str  # shown in a full-width row when there are no skill rows
    width: int
    # In a sideways-scrolling region (focusable, named by the caption). The role comparison
    # is laid out to fit instead, so its column headers can stick while the page scrolls.
    scroll: bool


BLANK_CELL: Cell = {
    "kind": "text",
    "css": "",
    "text": "",
    "level": None,
    "level_name": "",
    "descriptor": "",
    "importance": "",
    "importance_label": "",
    "change": "",
    "change_css": "",
    "arrow": "",
    "same": "",
    "status": "",
    "status_label": "",
    "status_symbol": "",
}

IMPORTANCE_LABELS = dict(Importance.choices)


def cell(kind, **values) -> Cell:
    return {**BLANK_CELL, "kind": kind, **values}


def text_cell(text) -> Cell:
    return cell("text", text="—" if text in ("", None) else str(text))


def level_cell(level, name="") -> Cell:
    """A level in words and pips ("Level 3 · name"), or a dash when not rated."""
    return cell("level", level=level, level_name=name or "")


def importance_cell(importance) -> Cell:
    return cell("importance", importance=importance, importance_label=IMPORTANCE_LABELS.get(importance, ""))


def change_css(value):
    if not value:
        return ""
    return "delta-up" if value > 0 else "delta-down"


def gap_cell(value, display, *, arrow=False) -> Cell:
    """A change or gap ("+2", "−1", "0", "—"), coloured and, with ``arrow``, with ▲/▼."""
    css = change_css(value)
    shape = {"delta-up": "▲", "delta-down": "▼"}.get(css, "") if arrow else ""
    return cell("gap", change=display, change_css=css, arrow=shape)


def status_cell(status, label, symbol) -> Cell:
    return cell("status", status=status, status_label=label, status_symbol=symbol)


def header(text="", *, url="", note="", css="", blank=False) -> Header:
    return {"text": text, "url": url, "note": note, "css": css, "blank": blank}


def row(header_text, cells, *, note="", note_css="", hidden="", css="") -> Row:
    return {
        "header": header_text,
        "note": note,
        "note_css": note_css,
        "hidden": hidden,
        "css": css,
        "cells": cells,
    }


def table(
    *, css, caption, head, sections, caption_hidden=False, tbody_per_section=False, empty="", scroll=True
) -> Table:
    return {
        # From the caption: tables on one page have different captions.
        "id": "table-" + slugify(caption)[:60].rstrip("-"),
        "css": css,
        "caption": caption,
        "caption_hidden": caption_hidden,
        "head": head,
        "sections": sections,
        "tbody_per_section": tbody_per_section,
        "empty": empty,
        "width": len(head),
        "scroll": scroll,
    }
