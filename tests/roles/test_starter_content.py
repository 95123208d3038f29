"""The starter framework reads as a credible ladder (issue 10, section 2), in our own words."""

import hashlib
import re
from itertools import pairwise
from pathlib import Path

import pytest

from tests.roles.factories import starter_data

BASE_DIR = Path(__file__).resolve().parents[2]
# The article lives beside the repository, not in it; the repository keeps a fingerprint of
# each of its eight-word runs, checked against the article whenever it is present.
ARTICLE = BASE_DIR.parent / "shared" / "seed" / "product-management-vs-product-leadership.txt"
FINGERPRINTS = Path(__file__).resolve().parent / "data" / "article_windows.txt"
WINDOW = 8
CRAFT_CATEGORIES = {"execution", "customer-market-insight"}
LEADERSHIP_LADDER = [
    "group-product-manager",
    "product-leader",
    "director-of-product",
    "chief-product-officer",
]
# Reputation says how others see someone, not what they do: none of it belongs in a descriptor.
REPUTATION = [
    "recognised",
    "reputation",
    "trust of",
    "trusted",
    "inspires people",
    "go-to",
    "good questions",
    "willingly",
    "before they are obvious",
    "authority on",
    "credibility",
    "sees around corners",
]


def normalised_words(text):
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def windows(text, size=WINDOW):
    words = normalised_words(text)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def fingerprint(window):
    return hashlib.sha256(" ".join(window).encode()).hexdigest()[:16]


def article_fingerprints():
    lines = FINGERPRINTS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def copied_runs(text, fingerprints):
    return sorted(" ".join(w) for w in windows(text) if fingerprint(w) in fingerprints)


def texts(value, where="starter"):
    """Every string in the file with its location."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts(item, f"{where}[{i}]")


@pytest.fixture(scope="module")
def data():
    return starter_data()


@pytest.fixture(scope="module")
def roles(data):
    return {role["slug"]: role for role in data["roles"]}


def levels(role):
    return {e["skill"]: e["level"] for e in role["expectations"]}


def importance(role):
    return {e["skill"]: e["importance"] for e in role["expectations"]}


def descriptor(data, skill, level):
    entry = next(s for s in data["skills"] if s["slug"] == skill)
    return next(lv["descriptor"] for lv in entry["levels"] if lv["level"] == level)


def test_it_copies_no_run_of_eight_words_from_the_article(data):
    fingerprints = article_fingerprints()
    copied = [f"{where}: “{run}”" for where, text in texts(data) for run in copied_runs(text, fingerprints)]
    assert copied == []


def test_the_fingerprints_match_the_article():
    lines = [
        line for line in FINGERPRINTS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    # The stored file is what the copy check relies on wherever the article is absent
    # (a clean clone in CI): sorted, unique 16-hex-digit fingerprints, one per line.
    assert lines == sorted(set(lines)) and len(lines) > 400
    assert all(re.fullmatch(r"[0-9a-f]{16}", line) for line in lines)
    if ARTICLE.exists():  # beside the workspace's copy of the article: exactly its windows
        assert set(lines) == {fingerprint(w) for w in windows(ARTICLE.read_text(encoding="utf-8"))}


def test_the_window_check_catches_a_copied_sentence():
    fingerprints = article_fingerprints()
    copied = "In short, they conduct market research, gather customer insights, collaborate with design."
    assert "they conduct market research gather customer insights collaborate" in copied_runs(
        copied, fingerprints
    )
    assert copied_runs("They research the market and talk to customers every week.", fingerprints) == []


def test_it_has_a_group_product_manager_between_senior_pm_and_product_leader(roles):
    gpm = roles["group-product-manager"]
    assert gpm["track"] == "product-leadership" and gpm["published"]
    assert "group-product-manager" in roles["senior-product-manager"]["next_roles"]
    assert gpm["next_roles"] == ["product-leader"]
    assert (
        roles["senior-product-manager"]["seniority"] < gpm["seniority"] < roles["product-leader"]["seniority"]
    )
    assert levels(gpm)["people-leadership"] == 4  # manages a few product managers
    assert levels(roles["senior-product-manager"])["people-leadership"] == 3


def test_it_keeps_the_two_tracks_apart(roles):
    ic = [
        "associate-product-manager",
        "product-manager",
        "senior-product-manager",
        "principal-product-manager",
    ]
    assert [r for r in roles if roles[r]["track"] == "product-management"] == ic
    assert [r for r in roles if roles[r]["track"] == "product-leadership"] == LEADERSHIP_LADDER


def test_the_product_managers_next_role_is_one_step(roles):
    assert roles["product-manager"]["next_roles"] == ["senior-product-manager"]


def test_no_next_role_asks_for_more_than_one_level_more_on_any_skill(roles):
    jumps = [
        f"{role['slug']} → {slug}: {skill} {level} → {levels(roles[slug])[skill]}"
        for role in roles.values()
        for slug in role["next_roles"]
        for skill, level in levels(role).items()
        if levels(roles[slug])[skill] - level > 1
    ]
    assert jumps == []


def test_the_product_leader_expects_delivery_at_four(roles):
    assert levels(roles["product-leader"])["delivery-management"] == 4


@pytest.mark.parametrize("lower, higher", list(pairwise(LEADERSHIP_LADDER)))
def test_each_leadership_rung_differs_in_a_meaningful_number_of_skills(roles, lower, higher):
    a, b = levels(roles[lower]), levels(roles[higher])
    differing = [skill for skill in a if a[skill] != b[skill]]
    assert 4 <= len(differing) <= 8, differing


def test_every_craft_skill_has_a_level_two_step_from_apm_to_pm(data, roles):
    craft = [s["slug"] for s in data["skills"] if s["category"] in CRAFT_CATEGORIES]
    for skill in craft:
        expected = {levels(role)[skill] for role in roles.values()}
        if 3 in expected:
            assert 2 in expected, f"{skill}: nobody expects level 2, so the ladder jumps from 1 to 3"
    apm, pm = levels(roles["associate-product-manager"]), levels(roles["product-manager"])
    assert all(pm[skill] - apm[skill] <= 1 for skill in craft)


def test_the_senior_pm_user_needs_level_fits_one_product(data, roles):
    level = levels(roles["senior-product-manager"])["user-needs"]
    assert level == 3
    assert "portfolio" not in descriptor(data, "user-needs", level).lower()


def test_vision_is_core_for_the_product_manager(roles):
    assert importance(roles["product-manager"])["product-vision"] == "core"


@pytest.mark.parametrize("level", [4, 5])
def test_top_levels_of_planning_decisions_strategy_and_research_describe_different_work(data, level):
    skills = ["planning-prioritisation", "decision-making", "strategic-thinking", "market-research"]
    texts_ = {skill: descriptor(data, skill, level) for skill in skills}
    # Deciding where money goes is one behaviour: at most one of the four may describe it.
    about_investment = [
        skill for skill, text in texts_.items() if re.search(r"\b(invest|fund|budget|bets?\b)", text.lower())
    ]
    assert len(about_investment) <= 1, about_investment
    # No two of them share a run of four words: each names its own behaviour.
    for first, second in ((a, b) for a in skills for b in skills if a < b):
        shared = windows(texts_[first], 4) & windows(texts_[second], 4)
        assert not shared, (first, second, shared)


def test_descriptors_describe_behaviour_not_reputation(data):
    found = [
        f"{skill['slug']} level {lv['level']}: “{phrase}”"
        for skill in data["skills"]
        for lv in skill["levels"]
        for phrase in REPUTATION
        if phrase in lv["descriptor"].lower()
    ]
    assert found == []


def test_every_descriptor_is_distinct(data):
    all_descriptors = [lv["descriptor"] for skill in data["skills"] for lv in skill["levels"]]
    assert len(set(all_descriptors)) == len(all_descriptors)


def test_page_texts_copy_no_run_of_eight_words_from_the_article():
    """The caveat, the level scale and every other text written into templates or code."""
    from roles.scale import LEVEL_SCALE

    fingerprints = article_fingerprints()
    copied = []
    templates = sorted((BASE_DIR / "templates").rglob("*.html"))
    assert BASE_DIR / "templates" / "roles" / "includes" / "caveat.html" in templates
    for path in templates:
        text = re.sub(r"{[{%#].*?[}%#]}|<[^>]+>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        copied += [f"{path.name}: “{run}”" for run in copied_runs(text, fingerprints)]
    for step in LEVEL_SCALE:
        copied += [
            f"level {step.level}: “{run}”"
            for run in copied_runs(f"{step.scope} {step.autonomy}", fingerprints)
        ]
    assert copied == []
