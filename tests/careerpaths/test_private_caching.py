"""Pages for a signed-in person, and every export, tell browsers and proxies not to keep a
copy (Cache-Control: private, no-store; careerpaths.middleware.PrivateCacheMiddleware).
Public pages for visitors stay cacheable."""

import pytest
from django.utils.cache import get_max_age

from assessments.models import Assessment
from tests.assessments.conftest import make_assessment

pytestmark = pytest.mark.django_db


def directives(response):
    return {
        part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()
    }


def assert_private(response):
    assert {"private", "no-store"} <= directives(response), (
        response.request["PATH_INFO"],
        response.get("Cache-Control"),
    )


@pytest.fixture
def pages(owner, starter):
    earlier, result = make_assessment(owner), make_assessment(owner)
    draft = make_assessment(owner, submit=False)
    return {
        "result": f"/assessments/{result.pk}/",
        "draft": f"/assessments/{draft.pk}/edit/",
        "history": "/assessments/",
        "progress": "/assessments/progress/",
        "compare": f"/assessments/compare/?a={earlier.pk}&b={result.pk}",
        "export csv": "/assessments/export.csv",
        "export json": "/assessments/export.json",
        "export one": f"/assessments/{result.pk}/export.json",
        "profile": "/accounts/profile/",
        "delete account": "/accounts/delete/",
        "password change": "/accounts/password_change/",
        "start": "/assessments/new/product-manager/",
        "picker": "/assessments/new/",
        # Public pages too: for a signed-in person they carry their name and a CSRF token.
        "home": "/",
        "roles": "/roles/",
        "role": "/roles/product-manager/",
    }


def test_every_page_for_a_signed_in_person_is_private_and_not_stored(owner_client, pages):
    for name, url in pages.items():
        response = owner_client.get(url)
        assert response.status_code in (200, 302), (name, response.status_code)
        assert_private(response)


def test_exports_are_private_and_not_stored(owner_client, pages):
    for name in ("export csv", "export json", "export one"):
        response = owner_client.get(pages[name])
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert_private(response)
        assert get_max_age(response) is None  # nothing that would allow keeping it


def test_posts_and_errors_for_a_signed_in_person_are_private(owner_client, owner, pages):
    draft = Assessment.objects.for_user(owner).drafts().get()
    assert_private(owner_client.post(pages["draft"], {"action": "save"}))
    assert_private(owner_client.get("/assessments/00000000-0000-0000-0000-000000000000/"))  # 404
    assert_private(owner_client.post(f"/assessments/{draft.pk}/delete/"))


def test_public_pages_for_visitors_stay_cacheable(client, starter):
    for url in ("/", "/roles/", "/roles/product-manager/", "/accounts/login/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in directives(response) or url == "/accounts/login/", url
        assert "sessionid" not in response.cookies
