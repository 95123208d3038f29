"""The level scale and importance are defined once (roles/scale.py) and read everywhere."""

from django.template.loader import render_to_string

from assessments.forms import RatingsForm
from roles.scale import HIGHEST_LEVEL, LEVEL_CHOICES, LEVELS, LOWEST_LEVEL, Importance
from roles.templatetags.scale import importance_label, is_core, level_pips
from tests.helpers import elements, texts


def test_the_scale_runs_from_one_to_five():
    assert (LOWEST_LEVEL, HIGHEST_LEVEL) == (1, 5)
    assert list(LEVELS) == [1, 2, 3, 4, 5]
    assert LEVEL_CHOICES == [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]


def test_level_pips_light_up_to_the_level():
    assert level_pips(3) == [True, True, True, False, False]
    assert level_pips(None) == [False] * HIGHEST_LEVEL


def test_importance_filters_read_the_choices():
    assert is_core(Importance.CORE) and is_core("core")
    assert not is_core(Importance.SUPPORTING)
    assert importance_label("core") == "Core"
    assert importance_label("supporting") == "Supporting"


def test_the_level_include_draws_one_pip_per_level_of_the_scale():
    html = render_to_string("roles/includes/level.html", {"level": 2, "detail": None})
    pips = elements(html, "span", class_="level-pips")[0]
    assert len(elements(html, "span")) - 1 == HIGHEST_LEVEL  # inside the pips container
    assert len(elements(html, "span", class_="on")) == 2
    assert pips.attrs["aria-hidden"] == "true"
    assert "Level 2" in html


def test_the_importance_badge_names_and_styles_the_importance():
    core = render_to_string("roles/includes/importance.html", {"importance": "core"})
    assert texts(core, "span", class_="badge-core") == ["Core"]
    supporting = render_to_string("roles/includes/importance.html", {"importance": "supporting"})
    assert texts(supporting, "span", class_="badge-supporting") == ["Supporting"]


def test_the_ratings_form_offers_exactly_the_scale():
    snapshot = {
        "categories": [
            {"slug": "c", "name": "C", "skills": [{"slug": "s", "name": "S", "expected": 3, "levels": []}]}
        ]
    }
    field = RatingsForm(snapshot=snapshot).fields["level-s"]
    assert [value for value, _ in field.choices] == list(LEVELS)
    form = RatingsForm({"level-s": str(HIGHEST_LEVEL + 1)}, snapshot=snapshot)
    assert not form.is_valid()
    assert form.errors["level-s"] == ["Choose one of the levels 1 to 5 for S"]


def test_every_level_of_the_scale_has_a_meaning_and_pages_explain_it_from_one_place():
    from roles.scale import LEVEL_SCALE, LEVELS

    assert [step.level for step in LEVEL_SCALE] == list(LEVELS)
    assert len({step.name for step in LEVEL_SCALE}) == len(LEVELS)
    html = render_to_string("roles/includes/level_scale.html", {"scale": LEVEL_SCALE})
    rows = texts(html, "th", scope="row")
    assert rows == [f"{step.level} · {step.name}" for step in LEVEL_SCALE]
    assert texts(render_to_string("roles/includes/level.html", {"level": 3}), "small") == ["(whole product)"]
