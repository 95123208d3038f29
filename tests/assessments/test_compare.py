import re

import pytest

from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(owner, starter):
    first = make_assessment(owner, default=2, levels={"user-needs": 3})
    second = make_assessment(owner, "product-leader", default=3, levels={"user-needs": 2})
    return first, second


def test_it_offers_pickers_with_the_two_latest(owner_client, pair):
    html = owner_client.get("/assessments/compare/").content.decode()
    assert f'<option value="{pair[0].pk}" selected>' in html
    assert f'<option value="{pair[1].pk}" selected>' in html


def test_it_compares_two_assessments_with_the_change_per_skill(owner_client, pair):
    first, second = pair
    # Order in the URL does not matter: the older one is always "from".
    response = owner_client.get(f"/assessments/compare/?a={second.pk}&b={first.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "13 skills up, 1 down, 0 unchanged" in html
    row = re.search(r'<th scope="row">Understanding user needs.*?</tr>', html, re.S).group(0)
    assert "Level 3" in row and "Level 2" in row and "▼ </span>−1" in row
    row = re.search(r'<th scope="row">Planning &amp; prioritisation.*?</tr>', html, re.S).group(0)
    assert "▲ </span>+1" in row


def test_bad_picks_are_bad_requests(owner_client, pair):
    for query in ("?a=junk&b=x", f"?a={pair[0].pk}", f"?a={pair[0].pk}&b={pair[0].pk}"):
        response = owner_client.get(f"/assessments/compare/{query}")
        assert response.status_code == 400, query


def test_others_assessments_and_drafts_are_not_found(owner_client, outsider, owner, pair):
    theirs = make_assessment(outsider)
    draft = make_assessment(owner, submit=False)
    for other in (theirs, draft):
        response = owner_client.get(f"/assessments/compare/?a={pair[0].pk}&b={other.pk}")
        assert response.status_code == 404


def test_it_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    latest = make_assessment(owner, sized["slug"], default=5)
    oldest = sized["history"][0]
    # 1. session  2. user  3. your submitted assessments (pickers)  4. the two compared
    # 5. their ratings
    with django_assert_num_queries(5):
        response = owner_client.get(f"/assessments/compare/?a={oldest.pk}&b={latest.pk}")
    assert response.status_code == 200
