"""Transition guides and the ladder map in a real browser: no JavaScript needed, axe-clean, printable."""

import pytest

from tests.helpers import axe_violations
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUIDE = "/paths/product-manager/product-leader/"


@pytest.fixture
def starter():
    load_starter()  # with its five guides, the first featured on the home page


def test_a_reader_without_javascript_goes_from_home_to_the_guide_and_on(gunicorn_server, browser, starter):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(gunicorn_server.url + "/")
    page.get_by_role("link", name="Guide: from Digital Product Manager to Product Leader").click()
    assert page.url == gunicorn_server.url + GUIDE
    assert (
        page.get_by_role("heading", level=1).inner_text() == "From Digital Product Manager to Product Leader"
    )
    for heading in (
        "What changes in the job",
        "Skills to grow, and how",
        "Common pitfalls",
        "Your first 90 days in the new role",
        "Evidence to collect",
        "The other path: Principal Product Manager",
        "Further reading",
    ):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    growth = page.get_by_role("heading", name="Leadership & management: level 2 → 4")
    assert growth.is_visible()
    # The level scale opens without JavaScript (a native disclosure).
    page.get_by_text("What the levels mean").first.click()
    assert page.get_by_role("cell", name="The company and its market").first.is_visible()
    # On to the comparison, which links back to the guide.
    page.get_by_role("link", name="Compare the two roles").click()
    page.get_by_role("link", name="Read the guide: from Digital Product Manager to Product Leader").click()
    assert page.url == gunicorn_server.url + GUIDE
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/paths/",
        GUIDE,
        "/paths/product-manager/senior-product-manager/",
        "/paths/senior-product-manager/group-product-manager/",
        "/paths/senior-product-manager/principal-product-manager/",
        "/paths/product-leader/director-of-product/",
        "/roles/",
        "/roles/group-product-manager/",
        "/roles/senior-product-manager/",
    ],
)
def test_it_has_no_axe_violations(gunicorn_server, page, starter, path):
    page.goto(gunicorn_server.url + path)
    assert axe_violations(page) == []
    scale = page.locator("details.level-scale summary")
    if scale.count():  # and with the level scale opened
        scale.first.click()
        assert axe_violations(page) == []
    resources = page.locator("details.resources")
    if path.startswith("/roles/") and path != "/roles/":
        assert resources.count() > 0  # every skill of the starter has learning resources
    if resources.count():  # and with a skill's learning resources opened from the keyboard
        resources.first.locator("summary").focus()
        page.keyboard.press("Enter")
        assert resources.first.get_attribute("open") is not None
        assert resources.first.get_by_role("listitem").first.is_visible()
        assert axe_violations(page) == []
    assert page.console_errors == []


def test_the_guide_prints_cleanly(gunicorn_server, page, starter):
    page.goto(gunicorn_server.url + GUIDE)
    page.emulate_media(media="print")
    for chrome in ("nav.navbar", "footer", "nav[aria-label=Breadcrumb]", ".section-actions"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.get_by_role("heading", name="Skills to grow, and how").is_visible()
    assert page.get_by_role("heading", name="Days 61–90").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_the_ladder_map_puts_the_tracks_side_by_side_and_stacks_them_on_a_phone(
    gunicorn_server, page, starter
):
    page.goto(gunicorn_server.url + "/roles/senior-product-manager/")
    tracks = page.locator(".ladder-track")
    ic, leadership = tracks.nth(0).bounding_box(), tracks.nth(1).bounding_box()
    assert abs(ic["y"] - leadership["y"]) < 1 and leadership["x"] > ic["x"] + ic["width"] - 1
    current = page.locator(".ladder-is-current")
    assert current.inner_text().startswith("Senior Product Manager") and "This role" in current.inner_text()
    assert page.locator(".ladder-is-next").count() == 2  # Principal PM and Group PM
    page.set_viewport_size({"width": 390, "height": 844})
    ic, leadership = tracks.nth(0).bounding_box(), tracks.nth(1).bounding_box()
    assert leadership["y"] >= ic["y"] + ic["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
