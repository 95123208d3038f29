import pytest

from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def test_it_lists_submitted_assessments_and_drafts(owner_client, owner, outsider, starter):
    done = make_assessment(owner, levels={"user-needs": 1})
    draft = make_assessment(owner, "product-leader", submit=False)
    theirs = make_assessment(outsider, "chief-product-officer")
    response = owner_client.get("/assessments/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Submitted assessments" in html and "Drafts" in html
    assert f'href="/assessments/{done.pk}/"' in html
    assert f"{done.readiness}%" in html and done.readiness == 87
    assert f'href="/assessments/{draft.pk}/edit/"' in html
    assert "Resume" in html
    assert f'href="/assessments/new/product-manager/?from={done.pk}"' in html
    assert 'href="/assessments/new/"' in html
    assert str(theirs.pk) not in html and "Chief Product Officer" not in html
    assert 'aria-current="page" href="/assessments/"' in html


def test_it_invites_a_first_assessment(owner_client, starter):
    html = owner_client.get("/assessments/").content.decode()
    assert "You have not submitted an assessment yet." in html


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    for url in ("/assessments/", "/assessments/progress/", "/assessments/compare/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    # Picking a role to assess against needs no account (tests/assessments/test_visitor.py).
    assert client.get("/assessments/new/").status_code == 200


def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    make_assessment(sized["history"][0].user, sized["slug"], submit=False)
    # 1. session  2. user  3. the user's assessments (snapshots deferred)
    # 4. the plan's check-in rhythm (plans: next check-in)
    with django_assert_num_queries(4):
        response = owner_client.get("/assessments/")
    assert response.status_code == 200
    assert response.content.decode().count("Re-assess") == len(sized["history"])
