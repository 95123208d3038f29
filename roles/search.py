"""Role search: PostgreSQL full-text search (English configuration) plus a small synonym map.

A role's document, stored and kept current by the database (roles/migrations/
0008_role_search.py; docs/performance.md, "Role search"), weighs what it holds:

- A: the role's name and alternative titles;
- B: its summary and dimension texts;
- C: the names and descriptions of the skills it expects;
- D: its rubric at the expected level of each of those skills: the level's name,
  descriptor and evidence examples, and its growth text (the step to the next level).

The visitor's text becomes a ``tsquery``: PostgreSQL's ``websearch_to_tsquery`` (quotes,
``or``, ``-word``) with every phrase of the synonym map below replaced by the OR of its
equivalents. English stemming already joins plurals and -ing forms (roadmaps, roadmapping →
roadmap); the map covers what stemming cannot: abbreviations (PM, OKR, CPO), US spellings,
and words a product person uses for the same thing (strategy/strategic stem differently).

Each result says why it matched, from the same statement: which of its name, alternative
titles, summary, dimension texts, skills and rubric texts contain any searched word.
"""

import functools
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from django.contrib.postgres.search import SearchQuery, SearchQueryCombinable
from django.db import connection
from django.db.models.sql import Query as SQLQuery
from django.utils.html import escape
from django.utils.safestring import mark_safe

CONFIG = "english"

# Phrases that mean the same thing: searching for any of them searches for all of them.
EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("strategy", "strategic"),
    ("roadmap", "roadmapping"),
    ("head of product", "product leader"),
    ("cpo", "chief product officer", "vp of product", "vp product", "vice president of product"),
    ("metrics", "kpi", "key performance indicators"),
    ("prioritisation", "prioritization"),
    ("prioritise", "prioritize"),
    ("discovery", "user research"),
    ("mentoring", "mentor", "coaching", "coach"),
)
# Abbreviations and broad phrases: the key also finds the phrases, not the other way round
# (a search for "product manager" should not turn into one for every "pm").
EXPANSIONS: dict[str, tuple[str, ...]] = {
    "okr": ("objectives and key results", "objectives"),
    "pm": ("product manager",),
    "apm": ("associate product manager",),
    "gpm": ("group product manager",),
    "stakeholder management": ("stakeholder",),
    "people management": ("leadership and management", "manages"),
    "line management": ("leadership and management", "manages"),
    "ux": ("user experience", "design", "usability"),
}


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


def _synonym_table() -> dict[tuple[str, ...], list[str]]:
    table: dict[tuple[str, ...], list[str]] = {}

    def add(key: str, phrases: Iterable[str]) -> None:
        alternatives = table.setdefault(_words(key), [])
        alternatives.extend(p for p in phrases if p not in alternatives)

    for group in EQUIVALENTS:
        for phrase in group:
            add(phrase, group)
    for key, phrases in EXPANSIONS.items():
        add(key, (key, *phrases))
    # Plurals of one-word keys ("okrs", "kpis", "pms"): stemming joins them in PostgreSQL,
    # but the lookup happens before PostgreSQL sees the words.
    for words in [w for w in table if len(w) == 1]:
        table.setdefault((words[0] + "s",), table[words])
    return table


SYNONYMS = _synonym_table()
LONGEST = max(len(words) for words in SYNONYMS)
_EDGE_PUNCTUATION = ".,;:!?()[]{}<>'’“”"
# ("text", the words as typed) or ("any", phrases of which one must appear)
Segment = tuple[str, list[str]]


@dataclass(frozen=True)
class Query:
    """A visitor's text as ``tsquery`` expressions: ``strict`` is what a role must match;
    ``loose`` (any searched word) decides which parts of a matching role are named as the
    reason."""

    strict: SearchQueryCombinable
    loose: SearchQueryCombinable


def _websearch_text(text: str) -> str:
    # PostgreSQL's websearch parser overflows ("tsquery stack too small", a 500) on long
    # runs of "-" with nothing to negate; a "-" only means NOT right before a word or a
    # quoted phrase, so the others are dropped. Found by tests/careerpaths/test_fuzz.py.
    return re.sub(r"-(?![\w\"])", " ", re.sub(r"-+", "-", text))


def _match(tokens: list[str], start: int) -> tuple[int, list[str]] | None:
    """The longest synonym key starting at ``tokens[start]``, as (length, phrases), or None."""
    for length in range(min(LONGEST, len(tokens) - start), 0, -1):
        chunk = tokens[start : start + length]
        if any(t.startswith("-") or '"' in t for t in chunk):
            continue
        words = tuple(t.strip(_EDGE_PUNCTUATION).lower() for t in chunk)
        if words in SYNONYMS:
            return length, SYNONYMS[words]
    return None


def _segments(tokens: list[str]) -> list[list[Segment]]:
    """The words as alternatives (websearch's top-level "or"), each a list of segments:
    ("text", words for websearch_to_tsquery) or ("any", phrases of which one must appear)."""
    alternatives: list[list[Segment]] = [[]]
    plain: list[str] = []
    in_quote = False

    def flush() -> None:
        if plain:
            alternatives[-1].append(("text", list(plain)))
            plain.clear()

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not in_quote and token.lower() == "or":
            flush()
            alternatives.append([])
            i += 1
            continue
        found = None if in_quote else _match(tokens, i)
        if found:
            flush()
            length, phrases = found
            alternatives[-1].append(("any", phrases))
            i += length
            continue
        if token.count('"') % 2:
            in_quote = not in_quote
        plain.append(token)
        i += 1
    flush()
    return alternatives


def _search_query(text: str, search_type: str) -> SearchQuery:
    return SearchQuery(text, search_type=search_type, config=CONFIG)


def _any(queries: Iterable[SearchQueryCombinable]) -> SearchQueryCombinable:
    return functools.reduce(operator.or_, queries)


def parse(text: str) -> Query | None:
    """The ``tsquery`` of a search for ``text``, or None when it has no word to search for."""
    text = (text or "").replace("\x00", "")  # PostgreSQL text cannot hold NUL
    if not re.search(r"\w", text):
        return None
    strict, loose = [], []
    for segments in _segments(text.split()):
        parts = []
        for kind, value in segments:
            if kind == "any":
                phrases = _any(_search_query(p, "phrase") for p in value)
                parts.append(phrases)
                loose.append(phrases)
            else:
                parts.append(_search_query(_websearch_text(" ".join(value)), "websearch"))
                # Each word that is not negated, on its own.
                loose.extend(
                    _search_query(word, "plain")
                    for word in value
                    if not word.startswith("-") and re.search(r"\w", word)
                )
        if parts:
            strict.append(functools.reduce(operator.and_, parts))
    if not strict or not loose:
        return None
    return Query(_any(strict), _any(loose))


def _sql(expression: SearchQueryCombinable) -> tuple[str, list[object]]:
    """An expression's SQL and parameters, for the hand-written statements below."""
    compiler = SQLQuery(None).get_compiler(connection=connection)
    return compiler.compile(expression)


# Stored vectors (roles/migrations/0008_role_search.py): each table's ``search_vector``
# column holds its own row's text, and roles_rolesearch each role's whole document, kept
# current by triggers.
_EXPECTED_LEVEL = (
    "roles_expectation e JOIN roles_skill s ON s.id = e.skill_id"
    " JOIN roles_skilllevel lv ON lv.skill_id = e.skill_id AND lv.level = e.level"
)


def _vector(text: str) -> str:
    return f"to_tsvector('{CONFIG}'::regconfig, {text})"


# One statement: the published roles whose document matches, ranked by relevance with ties
# in ladder order, and for each the parts of the role that contain a searched word (only
# the matches' parts are looked at: the SELECT list runs after the filter).
_RESULTS = f"""
WITH q AS (SELECT {{strict}} AS strict, {{loose}} AS loose)
SELECT r.slug, r.name, r.seniority, r.summary, r.track_id, r.alternative_titles,
    ts_rank(rs.document, q.strict) AS rank,
    (SELECT count(*) FROM roles_expectation e WHERE e.role_id = r.id) AS skill_count,
    {_vector("r.name")} @@ q.loose AS name_matched,
    ARRAY(
        SELECT title FROM unnest(r.alternative_titles) WITH ORDINALITY AS a(title, n)
        WHERE {_vector("title")} @@ q.loose ORDER BY n
    ) AS matched_titles,
    ts_filter(r.search_vector, '{{{{b}}}}') @@ q.loose AS summary_matched,
    CASE WHEN ts_filter(r.search_vector, '{{{{b}}}}') @@ q.loose THEN ts_headline(
        '{CONFIG}'::regconfig, r.summary, q.loose,
        'MaxWords=32, MinWords=16, StartSel=' || chr(2) || ', StopSel=' || chr(3)
    ) END AS summary_headline,
    ARRAY(
        SELECT d.name FROM roles_roledimension rd JOIN roles_dimension d ON d.id = rd.dimension_id
        WHERE rd.role_id = r.id AND rd.search_vector @@ q.loose ORDER BY d."order", d.name
    ) AS matched_dimensions,
    ARRAY(
        SELECT ARRAY[s.name, e.level::text, (s.search_vector @@ q.loose)::text]
        FROM {_EXPECTED_LEVEL} JOIN roles_skillcategory c ON c.id = s.category_id
        WHERE e.role_id = r.id AND (s.search_vector @@ q.loose OR lv.search_vector @@ q.loose)
        ORDER BY c."order", c.name, s."order", s.name
    ) AS matched_skills
FROM roles_role r
JOIN roles_track t ON t.id = r.track_id
JOIN roles_rolesearch rs ON rs.role_id = r.id
CROSS JOIN q
WHERE r.published AND rs.document @@ q.strict {{track_filter}}
ORDER BY rank DESC, t."order", r.seniority, r.name
"""

_MATCHING_IDS = "SELECT role_id FROM roles_rolesearch WHERE document @@ ({strict})"


def results_sql(query: Query, *, track_id: int | None = None) -> tuple[str, list[object]]:
    """(sql, params) of the ranked results of ``query`` among the published roles."""
    strict, strict_params = _sql(query.strict)
    loose, loose_params = _sql(query.loose)
    track_filter, track_params = ("AND r.track_id = %s", [track_id]) if track_id is not None else ("", [])
    sql = _RESULTS.format(strict=strict, loose=loose, track_filter=track_filter)
    return sql, [*strict_params, *loose_params, *track_params]


def matching_ids_sql(query: Query) -> tuple[str, list[object]]:
    """(sql, params) of the ids of every role, published or not, that matches ``query``."""
    strict, params = _sql(query.strict)
    return _MATCHING_IDS.format(strict=strict), list(params)


class ResultRow(TypedDict):
    """A row of ``results_sql``: the card's columns, the rank and the why-matched columns."""

    slug: str
    name: str
    seniority: int
    summary: str
    track_id: int
    alternative_titles: list[str]
    rank: float
    skill_count: int
    name_matched: bool
    matched_titles: list[str]
    summary_matched: bool
    summary_headline: str | None  # the summary's words around a match, marked by \x02 … \x03
    matched_dimensions: list[str]
    matched_skills: list[list[str]]  # [skill name, expected level, "true" when the skill itself matched]


MAX_NAMED = 3  # skills named per reason; the rest are counted


def reasons(row: Mapping[str, Any]) -> list[str]:
    """Why a result matched, in words, from the why-matched columns of its row."""
    lines = []
    if row["name_matched"]:
        lines.append("Matched: role name")
    for title in row["matched_titles"]:
        lines.append(f"Matched: alternative title “{title}”")
    parts = (["summary"] if row["summary_matched"] else []) + [d.lower() for d in row["matched_dimensions"]]
    if parts:
        lines.append(f"Matched in: {_listed(parts)}")
    skills = [name for name, _, by_skill in row["matched_skills"] if by_skill == "true"]
    rubric = [
        f"{name} (level {level})" for name, level, by_skill in row["matched_skills"] if by_skill != "true"
    ]
    if skills:
        lines.append(f"Matched skill{'s' if len(skills) > 1 else ''}: {_listed(skills)}")
    if rubric:
        lines.append(f"Matched in the rubric of: {_listed(rubric)}")
    return lines


def _listed(items: list[str]) -> str:
    if len(items) > MAX_NAMED:
        return ", ".join(items[:MAX_NAMED]) + f" and {len(items) - MAX_NAMED} more"
    return ", ".join(items)


def snippet(row: Mapping[str, Any]) -> str | None:
    """The summary's words around what matched, as HTML with the searched words in
    ``<mark>``, "…" where it was cut; None when the summary did not match."""
    headline = row["summary_headline"]
    if not headline:
        return None
    # ts_headline drops what looks like HTML tags and leaves their space behind.
    headline = " ".join(headline.split())
    html = str(escape(headline)).replace("\x02", "<mark>").replace("\x03", "</mark>")
    words, summary = _words_only(headline), _words_only(row["summary"])
    before = "" if summary.startswith(words) else "… "
    after = "" if summary.endswith(words) else " …"
    return mark_safe(f"{before}{html}{after}")  # escaped above; only our <mark> tags added


def _words_only(text: str) -> str:
    return " ".join(re.findall(r"\w+", re.sub(r"<[^>]*>", " ", text)))
