import pytest

from tests.helpers import axe_violations
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def starter():
    load_starter()


def test_it_browses_opens_a_role_compares_and_shares(gunicorn_server, page, starter):
    page.goto(gunicorn_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles").click()
    page.get_by_role("heading", name="Product leadership", exact=True).wait_for()
    page.get_by_role(
        "link", name="Digital Product Manager"
    ).first.click()  # the card; the ladder map has one too
    assert page.get_by_role("heading", level=1).inner_text() == "Digital Product Manager"

    page.get_by_label("Another role").select_option(label="Product Leader")
    page.get_by_role("button", name="Compare", exact=True).click()
    assert "roles=product-manager" in page.url and "roles=product-leader" in page.url
    page.get_by_role("heading", name="Key differences").wait_for()
    all_rows = page.locator("table.compare-table tbody tr:not(.category-row)").count()

    page.get_by_role("link", name="Only show differences").click()
    assert "only=differences" in page.url
    diff_rows = page.locator("table.compare-table tbody tr:not(.category-row)").count()
    assert 4 < diff_rows < all_rows  # four dimension rows plus the skills that differ
    assert page.get_by_text("levels vs Digital Product Manager").first.is_visible()

    # The shared URL reproduces the page in a fresh browser context.
    shared = page.url
    table = page.locator("table.compare-table").inner_text()
    other = page.context.browser.new_context().new_page()
    other.goto(shared)
    assert other.locator("table.compare-table").inner_text() == table
    other.context.close()
    assert page.console_errors == []


def test_the_home_page_reaches_the_featured_comparison_in_one_click(gunicorn_server, page, starter):
    page.goto(gunicorn_server.url + "/")
    page.get_by_role("link", name="Compare Digital Product Manager vs Product Leader").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Compare: Digital Product Manager")
    for dimension in ("Focus & Scope", "Responsibilities", "Skill Set", "Scope of Influence"):
        assert page.get_by_role("rowheader", name=dimension).is_visible()


def test_the_picker_builds_a_comparison_of_three_roles(gunicorn_server, page, starter):
    page.goto(gunicorn_server.url + "/compare/")
    page.get_by_label("Role 1").select_option(label="Associate Product Manager")
    page.get_by_label("Role 2").select_option(label="Senior Product Manager")
    page.get_by_label("Role 3 (optional)").select_option(label="Chief Product Officer")
    page.get_by_role("button", name="Compare", exact=True).click()
    headers = page.locator("table.compare-table thead th").all_inner_texts()
    assert [h.splitlines()[0] for h in headers] == [
        "Associate Product Manager",
        "Senior Product Manager",
        "Chief Product Officer",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/roles/",
        "/roles/?q=strategy",
        "/roles/product-leader/",
        "/compare/",
        "/compare/?roles=product-manager&roles=product-leader",
        "/compare/?roles=associate-product-manager&roles=product-manager&roles=product-leader&roles=chief-product-officer&only=differences",
        "/roles/no-such-role/",
    ],
)
def test_it_has_no_axe_violations(gunicorn_server, page, starter, path):
    page.goto(gunicorn_server.url + path)
    assert axe_violations(page) == []


def test_it_prints_a_comparison_without_navigation(gunicorn_server, page, starter):
    page.goto(gunicorn_server.url + "/compare/?roles=product-manager&roles=product-leader")
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert page.locator("table.compare-table").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
