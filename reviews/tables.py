"""The side-by-side "Second opinions" of a result (pure functions)."""

from typing import TypedDict

from assessments.rubric import level_text
from assessments.rubric import skills as snapshot_skills
from reviews.models import display_name
from roles.scale import SCALE
from roles.tables import change_css

# The role comparison's shapes: a change is never carried by colour alone.
ARROWS = {"delta-up": "▲", "delta-down": "▼", "": "="}


class Opinion(TypedDict):
    level: int | None
    level_name: str
    comment: str
    difference: int | None  # reviewer − self
    words: str  # "1 level higher than you", "Same as you", "Not rated"
    arrow: str
    css: str


class OpinionRow(TypedDict):
    slug: str
    name: str
    category: str
    own: int | None
    own_name: str
    opinions: list[Opinion]


class Calibration(TypedDict):
    review_id: int
    name: str
    higher: int  # skills you rated yourself higher than the reviewer did
    lower: int
    same: int
    sentence: str


def _levels(n):
    return f"{n} level{'s' if n != 1 else ''}"


def _opinion(skill, own, rating) -> Opinion:
    if rating is None:
        return {
            "level": None,
            "level_name": "",
            "comment": "",
            "difference": None,
            "words": "Not rated",
            "arrow": "",
            "css": "",
        }
    level = rating.level
    text = level_text(skill, level) or {}
    difference = None if own is None else level - own
    css = change_css(difference)
    if difference is None:
        words = ""
    elif difference == 0:
        words = "Same as you"
    else:
        words = f"{_levels(abs(difference))} {'higher' if difference > 0 else 'lower'} than you"
    return {
        "level": level,
        "level_name": text.get("name") or SCALE[level].name,
        "comment": rating.comment,
        "difference": difference,
        "words": words,
        "arrow": ARROWS[css] if difference is not None else "",
        "css": css,
    }


def side_by_side(snapshot, own_ratings, reviews):
    """Per skill of ``snapshot``: your level and each review's (ratings prefetched), with
    the difference in words and symbols; and a calibration line per reviewer."""
    own = {r.skill_slug: r.level for r in own_ratings}
    theirs = [{r.skill_slug: r for r in review.ratings.all()} for review in reviews]
    rows: list[OpinionRow] = []
    for skill in snapshot_skills(snapshot):
        mine = own.get(skill["slug"])
        rows.append(
            {
                "slug": skill["slug"],
                "name": skill["name"],
                "category": skill["category"],
                "own": mine,
                "own_name": (level_text(skill, mine) or {}).get("name", "") if mine else "",
                "opinions": [_opinion(skill, mine, t.get(skill["slug"])) for t in theirs],
            }
        )
    return rows, [
        calibration(review, [row["opinions"][i] for row in rows]) for i, review in enumerate(reviews)
    ]


def calibration(review, opinions) -> Calibration:
    name = display_name(review.reviewer)
    diffs = [o["difference"] for o in opinions if o["difference"] is not None]
    higher = sum(1 for d in diffs if d < 0)  # they rated lower, so you rated yourself higher
    lower = sum(1 for d in diffs if d > 0)
    same = sum(1 for d in diffs if d == 0)
    if not higher and not lower:
        sentence = f"You and {name} agree on every skill you both rated."
    else:
        sentence = (
            f"You rated yourself higher than {name} on {higher} skill{'s' if higher != 1 else ''} "
            f"and lower on {lower}; you agree on {same}."
        )
    return {
        "review_id": review.pk,
        "name": name,
        "higher": higher,
        "lower": lower,
        "same": same,
        "sentence": sentence,
    }
