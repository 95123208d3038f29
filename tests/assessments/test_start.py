import uuid

import pytest
from django.test import Client

from assessments.models import Assessment
from roles.models import Role
from tests.helpers import elements, make_assessment, texts

pytestmark = pytest.mark.django_db


def test_the_picker_lists_published_roles_and_goes_to_the_start_page(owner_client, starter):
    Role.objects.filter(slug="director-of-product").update(published=False)
    html = owner_client.get("/assessments/new/").content.decode()
    assert texts(html, "option", value="product-manager") == ["Digital Product Manager"]
    assert 'href="/assessments/new/product-leader/"' in html
    assert "director-of-product" not in html
    response = owner_client.get("/assessments/new/", {"role": "product-manager"})
    assert response.status_code == 302 and response["Location"] == "/assessments/new/product-manager/"
    for junk in ("../admin", "a b", "x\x00y", "é"):
        assert owner_client.get("/assessments/new/", {"role": junk}).status_code == 404


def test_the_picker_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    # 1. session  2. user  3. published roles + tracks
    with django_assert_num_queries(3):
        assert owner_client.get("/assessments/new/").status_code == 200


def test_the_start_page_explains_and_posts_a_token(owner_client, starter):
    response = owner_client.get("/assessments/new/product-manager/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Assess yourself: Digital Product Manager" in html
    assert "14 skills" in html
    assert 'name="token"' in html
    assert 'name="prefill"' not in html  # nothing to prefill from yet


def test_posting_creates_a_draft_once_per_token(owner_client, owner, starter):
    token = str(uuid.uuid4())
    first = owner_client.post("/assessments/new/product-manager/", {"token": token})
    second = owner_client.post("/assessments/new/product-manager/", {"token": token})
    assessment = Assessment.objects.get()
    assert first["Location"] == second["Location"] == f"/assessments/{assessment.pk}/edit/"
    assert assessment.user == owner and assessment.is_draft and assessment.role_slug == "product-manager"


def test_unknown_and_unpublished_roles_are_not_found(owner_client, starter):
    Role.objects.filter(slug="product-leader").update(published=False)
    for slug in ("no-such-role", "product-leader"):
        assert owner_client.get(f"/assessments/new/{slug}/").status_code == 404
        response = owner_client.post(f"/assessments/new/{slug}/", {"token": str(uuid.uuid4())})
        assert response.status_code == 404
        assert "There is no published role called" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_it_prefills_from_your_own_submitted_assessment(owner_client, owner, starter):
    previous = make_assessment(owner, "product-manager", levels={"user-needs": 5})
    html = owner_client.get(f"/assessments/new/product-leader/?from={previous.pk}").content.decode()
    assert elements(html, "option", value=str(previous.pk), selected="")
    response = owner_client.post(
        "/assessments/new/product-leader/", {"token": str(uuid.uuid4()), "prefill": str(previous.pk)}
    )
    new = Assessment.objects.get(role_slug="product-leader")
    assert response["Location"] == f"/assessments/{new.pk}/edit/"
    assert new.ratings.get(skill_slug="user-needs").level == 5


def test_it_will_not_prefill_from_someone_elses_or_a_draft(owner_client, outsider, owner, starter):
    theirs = make_assessment(outsider)
    draft = make_assessment(owner, submit=False)
    for other in (theirs, draft):
        assert owner_client.get(f"/assessments/new/product-manager/?from={other.pk}").status_code == 404
        response = owner_client.post(
            "/assessments/new/product-manager/", {"token": str(uuid.uuid4()), "prefill": str(other.pk)}
        )
        assert response.status_code == 404
    assert Assessment.objects.filter(user=owner).count() == 1


@pytest.mark.parametrize(
    "data", [{}, {"token": "not-a-uuid"}, {"token": str(uuid.uuid4()), "prefill": "junk"}]
)
def test_malformed_start_posts_are_bad_requests(owner_client, starter, data):
    response = owner_client.post("/assessments/new/product-manager/", data)
    assert response.status_code == 400
    assert "please start again" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_a_malformed_from_is_a_bad_request(owner_client, starter):
    assert owner_client.get("/assessments/new/product-manager/?from=123").status_code == 400


def test_a_visitors_start_is_csrf_protected_too(starter):
    # A visitor may start one (tests/assessments/test_visitor.py), but not from another site.
    client = Client(enforce_csrf_checks=True)
    response = client.post("/assessments/new/product-manager/", {"token": str(uuid.uuid4())})
    assert response.status_code == 403
    assert Assessment.objects.count() == 0


def test_csrf_is_enforced(owner, starter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post("/assessments/new/product-manager/", {"token": str(uuid.uuid4())})
    assert response.status_code == 403
    assert Assessment.objects.count() == 0


def test_the_role_page_links_here(client, starter):
    html = client.get("/roles/product-manager/").content.decode()
    assert texts(html, "a", href="/assessments/new/product-manager/") == ["Assess yourself against this role"]


def test_the_start_page_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    # 1. session  2. user  3. role + track  4. your submitted assessments (prefill choices)
    # 5. skill count
    with django_assert_num_queries(5):
        response = owner_client.get(f"/assessments/new/{sized['slug']}/")
    assert response.status_code == 200


def test_a_token_another_user_used_starts_your_own_assessment(client, owner, outsider, starter):
    # Tokens are unique per user, not site-wide: replaying someone else's token (seen in a
    # shared page, or just guessed) neither fails nor reaches their assessment.
    token = "00000000-0000-0000-0000-000000000000"
    client.force_login(outsider)
    theirs = client.post("/assessments/new/product-manager/", {"token": token})
    client.force_login(owner)
    mine = client.post("/assessments/new/product-manager/", {"token": token})
    assert theirs.status_code == mine.status_code == 302
    assert theirs["Location"] != mine["Location"]
    assert Assessment.objects.get(user=owner).start_token == uuid.UUID(token)
    assert Assessment.objects.get(user=outsider).start_token == uuid.UUID(token)
    # And the replay of her own token still finds hers.
    again = client.post("/assessments/new/product-manager/", {"token": token})
    assert (
        again["Location"] == mine["Location"] == f"/assessments/{Assessment.objects.get(user=owner).pk}/edit/"
    )


def test_the_database_refuses_a_repeated_token_for_one_user(owner, starter):
    from django.db import IntegrityError, transaction

    first = make_assessment(owner, submit=False)
    with pytest.raises(IntegrityError, match="assessment_start_token_unique_per_user"), transaction.atomic():
        Assessment.objects.create(
            user=owner,
            role_name=first.role_name,
            role_slug=first.role_slug,
            rubric=first.rubric,
            rubric_hash=first.rubric_hash,
            rubric_updated_at=first.rubric_updated_at,
            start_token=first.start_token,
        )
