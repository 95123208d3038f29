"""Phones and keyboards (issue 13 §4): the comparison as cards at 390px and with sticky
headers at 1280px, a legible result chart and table on a phone, readiness lines per role,
one focus style everywhere, and scrollable regions that can be reached and are named."""

import re
from collections import Counter

import pytest
from django.utils import timezone

from assessments.models import Assessment
from tests.helpers import axe_violations, make_assessment
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-Horse-battery-9"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
FOUR = (
    "/compare/?roles=associate-product-manager&roles=product-manager"
    "&roles=product-leader&roles=chief-product-officer"
)
FOUR_NAMES = [
    "Associate Product Manager",
    "Digital Product Manager",
    "Product Leader",
    "Chief Product Officer",
]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def person(django_user_model):
    load_starter()
    return django_user_model.objects.create_user("ada", "ada@example.com", PASSWORD)


def sign_in(page, server):
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/accounts/profile/|.*/$|.*/assessments/.*"))


def test_four_roles_on_a_phone_are_cards_with_every_role_per_skill(gunicorn_server, page, person):
    page.set_viewport_size(PHONE)
    page.goto(gunicorn_server.url + FOUR)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    rows = page.locator("table.compare-table tbody tr:has(th[scope=row])")
    assert rows.count() > 14
    for i in range(rows.count()):
        row = rows.nth(i)
        cells = row.locator("td")
        assert cells.count() == 4
        for j, name in enumerate(FOUR_NAMES):
            cell = cells.nth(j)
            # The role's name is drawn beside its value, and both are inside the window.
            assert cell.evaluate("td => getComputedStyle(td, '::before').content").startswith(f'"{name}"')
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (i, name, box)
        text = row.inner_text()
        if "Level" in text:  # a skill row (the others are the dimension texts)
            levels = [cells.nth(j).locator("strong, .text-body-secondary").first for j in range(4)]
            for level in levels:
                assert level.is_visible()
                assert re.match(r"Level \d|Not part of this role", level.inner_text())
    # One card per skill: the row is a block, its cells stacked one under another.
    first_skill = page.locator("table.compare-table tbody tr.row-differs").first
    tops = [c.bounding_box()["y"] for c in first_skill.locator("td").all()]
    assert tops == sorted(tops) and len(set(tops)) == 4
    assert page.get_by_text(re.compile("levels? vs Associate Product Manager")).first.is_visible()
    # The cards are still a table to assistive tech (Chromium's accessibility tree), so the
    # role names drawn by CSS, with empty alternative text, are not needed there.
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    roles = Counter(node.get("role", {}).get("value") for node in tree["nodes"])
    assert roles["table"] == 1 and roles["rowheader"] == rows.count() and roles["cell"] >= 4 * rows.count()
    assert roles["columnheader"] >= 4
    assert page.console_errors == []


def test_four_roles_fit_a_laptop_and_their_headers_stay_in_view(gunicorn_server, page, person):
    page.set_viewport_size(LAPTOP)
    page.goto(gunicorn_server.url + FOUR)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    table = page.locator("table.compare-table")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    headers = page.locator("table.compare-table thead th")
    assert [h.splitlines()[0] for h in headers.all_inner_texts()] == FOUR_NAMES
    before = headers.first.bounding_box()["y"]
    page.locator("table.compare-table tbody tr").last.scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    page.wait_for_function("window.scrollY > 0")
    assert page.evaluate("window.scrollY") > before
    for i in range(4):
        box = headers.nth(i).bounding_box()
        assert 0 <= box["y"] <= 1, box  # stuck to the top of the window
        assert box["x"] + box["width"] <= LAPTOP["width"]
    # And it covers the rows scrolling under it rather than mixing with them.
    top_element = page.evaluate(
        "() => { const b = document.querySelector('.compare-table thead th').getBoundingClientRect();"
        " return document.elementFromPoint(b.x + b.width / 2, b.y + 5).closest('th')?.scope }"
    )
    assert top_element == "col"


def rendered_font_sizes(page, selector):
    """Each text's size on screen: its CSS font size times the SVG's scale."""
    return page.eval_on_selector_all(
        selector,
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a)",
    )


def test_the_result_chart_and_table_are_legible_on_a_phone(gunicorn_server, page, person):
    done = make_assessment(person, levels={"planning-prioritisation": 1, "user-needs": 5})
    sign_in(page, gunicorn_server)
    page.set_viewport_size(PHONE)
    page.goto(f"{gunicorn_server.url}/assessments/{done.pk}/")
    page.locator("svg.bar-chart").scroll_into_view_if_needed()
    labels = rendered_font_sizes(page, "svg.bar-chart text.chart-label")
    assert len(labels) == 14 and min(labels) >= 12, labels
    assert min(rendered_font_sizes(page, "svg.bar-chart text.chart-axis")) >= 12
    for box in page.locator("svg.bar-chart text.chart-label").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert box <= PHONE["width"]
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    table = page.locator("table.result-table")
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    row = page.locator(
        "table.result-table tr", has=page.get_by_role("rowheader", name=re.compile("^Planning"))
    )
    for label, pattern in (("Gap", r"−2"), ("Status", r"Below")):
        cell = row.locator(f"td[data-label={label}]")
        assert re.search(pattern, cell.inner_text())
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] + box["width"] <= PHONE["width"]
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_progress_draws_one_line_per_role(gunicorn_server, page, person):
    made = [
        make_assessment(person, default=2),
        make_assessment(person, "product-leader", default=3),
        make_assessment(person, default=4),
    ]
    today = timezone.localtime().replace(second=0, microsecond=0)
    for a, (hour, minute) in zip(made, ((9, 0), (12, 30), (17, 45)), strict=True):
        Assessment.objects.filter(pk=a.pk).update(submitted_at=today.replace(hour=hour, minute=minute))
    sign_in(page, gunicorn_server)
    page.goto(f"{gunicorn_server.url}/assessments/progress/")
    series = page.locator("svg.line-chart g.chart-series")
    assert series.count() == 2
    assert series.nth(0).locator(".chart-series-marker").count() == 2
    assert series.nth(1).locator(".chart-series-marker").count() == 1
    dashes = series.evaluate_all(
        "gs => gs.map(g => getComputedStyle(g.querySelector('.chart-series-marker')).stroke)"
    )
    assert len(set(dashes)) == 2
    legend = page.get_by_role("list", name="Lines in the chart").inner_text()
    assert "Digital Product Manager" in legend and "Product Leader" in legend
    # Three on one day: the table tells them apart by time.
    times = page.locator("table caption#readiness-table-caption >> xpath=.. >> time").all_inner_texts()
    assert [t.split(", ")[1] for t in times] == ["09:00", "12:30", "17:45"]
    page.set_viewport_size(PHONE)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert min(rendered_font_sizes(page, "svg.line-chart text.chart-axis:not(.chart-date-between)")) >= 12


# --- one focus style ----------------------------------------------------------------------------

FOCUS_STYLE = """el => { const s = getComputedStyle(el);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, offset: s.outlineOffset,
          shadow: s.boxShadow, visible: el.matches(':focus-visible')} }"""

# The colour behind an element: the first ancestor (or itself) with an opaque background.
BACKGROUND = """el => { for (let e = el; e; e = e.parentElement) {
  const c = getComputedStyle(e).backgroundColor; if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c; }
  return 'rgb(255, 255, 255)'; }"""


def rgb(css):
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


def luminance(color):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def focus_with_keyboard(page, locator):
    """Tab until ``locator`` has focus, so :focus-visible applies as it does for people."""
    target = locator.element_handle()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("t => document.activeElement === t", target):
            return target
    raise AssertionError(f"never reached {locator} with Tab")


def focused_look(page, locator):
    """Tab to ``locator``; its focus style and the colour behind it."""
    handle = focus_with_keyboard(page, locator)
    return page.evaluate(FOCUS_STYLE, handle), page.evaluate(BACKGROUND, handle)


def test_one_high_contrast_focus_style_everywhere(gunicorn_server, page, person):
    sign_in(page, gunicorn_server)
    started = make_assessment(person, submit=False)
    styles = {}
    page.goto(f"{gunicorn_server.url}/compare/")
    for name, locator in (
        ("navbar link", page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles")),
        ("select", page.get_by_label("Role 1")),
        ("checkbox", page.get_by_label("Only show skills where the roles differ")),
        ("button", page.get_by_role("button", name="Compare", exact=True)),
        ("link", page.get_by_role("contentinfo").get_by_role("link", name="Browse roles")),
    ):
        styles[name] = focused_look(page, locator)
    page.goto(f"{gunicorn_server.url}/assessments/{started.pk}/edit/")
    # Tab enters a radio group at its chosen option.
    styles["radio"] = focused_look(page, page.locator("input[type=radio]:checked").first)
    styles["text input"] = focused_look(page, page.get_by_label("Evidence (optional)").first)
    page.goto(f"{gunicorn_server.url}/compare/?roles=product-manager&roles=product-leader")
    styles["summary"] = focused_look(page, page.locator("details > summary").first)

    looks = {name: (s["outline"], s["offset"], s["shadow"]) for name, (s, _) in styles.items()}
    assert all(s["visible"] for s, _ in styles.values())
    assert len(set(looks.values())) == 1, looks  # one style, no Bootstrap ring competing
    outline, _, shadow = looks["button"]
    assert outline.startswith("solid 3px")
    ring, edge = rgb(outline[len("solid 3px") :]), rgb(shadow)
    assert contrast(ring, edge) >= 3  # the two rings against each other
    for name, (_, background) in styles.items():
        # Whatever the background, one of the two rings stands out at 3:1 or more.
        assert max(contrast(ring, rgb(background)), contrast(edge, rgb(background))) >= 3, name
    assert rgb(styles["navbar link"][1]) != rgb(styles["link"][1])  # on the brand bar and on the page


@pytest.mark.parametrize("path", ["result", "progress", "history", "roles"])
def test_scrollable_regions_are_focusable_and_named(gunicorn_server, page, person, path):
    done = make_assessment(person)
    make_assessment(person, "product-leader")
    sign_in(page, gunicorn_server)
    url = {
        "result": f"/assessments/{done.pk}/?for=product-leader",
        "progress": "/assessments/progress/",
        "history": "/assessments/",
        "roles": "/roles/",
    }[path]
    page.set_viewport_size(PHONE)
    page.goto(gunicorn_server.url + url)
    regions = page.locator(".table-responsive")
    assert regions.count() >= 1
    for region in regions.all():
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
        name = region.evaluate(
            "r => r.getAttribute('aria-label') || document.getElementById(r.getAttribute('aria-labelledby'))?.textContent"
        )
        assert name and name.strip()
        assert page.get_by_role("region", name=name.strip(), exact=True).count() == 1
        handle = focus_with_keyboard(page, region)
        assert page.evaluate(FOCUS_STYLE, handle)["visible"]


# --- axe at both widths ---------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_responsive_pages_have_no_axe_violations(gunicorn_server, page, person, viewport):
    done = make_assessment(person, levels={"planning-prioritisation": 1})
    make_assessment(person, "product-leader")
    assert Assessment.objects.filter(user=person).count() == 2
    page.set_viewport_size(viewport)
    for path in (FOUR, FOUR + "&only=differences", "/roles/"):
        page.goto(gunicorn_server.url + path)
        assert axe_violations(page) == [], path
    sign_in(page, gunicorn_server)
    for path in (
        f"/assessments/{done.pk}/",
        f"/assessments/{done.pk}/?for=product-leader",
        "/assessments/progress/",
        "/assessments/",
    ):
        page.goto(gunicorn_server.url + path)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), path
        assert axe_violations(page) == [], path
    assert page.console_errors == []
