import re

import pytest

from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def test_it_needs_two_submitted_assessments(owner_client, owner, starter):
    html = owner_client.get("/assessments/progress/").content.decode()
    assert "Progress appears once you have submitted at least two assessments" in html
    first = make_assessment(owner)
    html = owner_client.get("/assessments/progress/").content.decode()
    assert "you have submitted one so far" in html
    assert f"/assessments/new/product-manager/?from={first.pk}" in html


def test_it_shows_levels_per_skill_over_time(owner_client, owner, outsider, starter):
    make_assessment(owner, default=2, levels={"user-needs": 1})
    make_assessment(owner, "product-leader", default=3, levels={"user-needs": 4})
    make_assessment(outsider, default=5)
    html = owner_client.get("/assessments/progress/").content.decode()
    assert '<svg class="chart line-chart"' in html
    assert len(re.findall(r"<circle class=\"chart-dot\"[^>]*r=\"5\"", html)) == 2
    row = re.search(r'<th scope="row">Understanding user needs.*?</tr>', html, re.S).group(0)
    cells = re.findall(r'<td class="text-center">(.*?)</td>', row)
    assert cells == ["1", "4"]
    assert "+3" in row
    assert '<svg class="sparkline"' in row
    assert "14 skills went up between your first and latest rating." in html
    assert "5</td>" not in html.split("Levels per skill")[1]  # nobody else's ratings


def test_anonymous_goes_to_sign_in(client, db):
    response = client.get("/assessments/progress/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    make_assessment(owner, sized["slug"], default=4)
    # 1. session  2. user  3. page cache versions  4. submitted assessments with
    # snapshots  5. their ratings
    with django_assert_num_queries(5):
        response = owner_client.get("/assessments/progress/")
    assert response.status_code == 200
    # Stored again under the CSRF cookie the first response set; from then on served
    # from the page cache: 1. session  2. user  3. versions
    stored = owner_client.get("/assessments/progress/").content
    with django_assert_num_queries(3):
        assert owner_client.get("/assessments/progress/").content == stored
    assert "Levels per skill" in response.content.decode()
