import csv
import io
import json

import pytest

from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(owner, outsider, starter):
    make_assessment(outsider, evidence={"user-needs": "SECRET of someone else"})
    done = make_assessment(owner, levels={"user-needs": 4}, evidence={"user-needs": "=HYPERLINK(1)"})
    draft = make_assessment(owner, "product-leader", submit=False)
    return done, draft


def test_it_exports_your_assessments_as_json(owner_client, mine):
    done, draft = mine
    response = owner_client.get("/assessments/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["format"] == "careerpaths-assessments" and data["user"] == "owner"
    assert [a["id"] for a in data["assessments"]] == [str(done.pk), str(draft.pk)]
    first = data["assessments"][0]
    assert first["status"] == "submitted" and first["readiness"] == done.readiness
    assert first["rubric"]["hash"] == done.rubric_hash
    assert first["rubric"]["snapshot"]["role"]["slug"] == "product-manager"
    needs = next(r for r in first["ratings"] if r["skill"] == "user-needs")
    assert needs == {
        "skill": "user-needs",
        "skill_name": "Understanding user needs",
        "expected": 3,
        "importance": "core",
        "level": 4,
        "evidence": "=HYPERLINK(1)",
    }
    assert "SECRET" not in response.content.decode()


def test_it_exports_your_assessments_as_csv_safe_for_spreadsheets(owner_client, mine):
    response = owner_client.get("/assessments/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 28  # 14 skills in each of the two assessments
    needs = next(r for r in rows if r["skill_slug"] == "user-needs" and r["status"] == "submitted")
    assert (needs["level"], needs["expected_level"], needs["importance"]) == ("4", "3", "core")
    assert needs["evidence"] == "'=HYPERLINK(1)"
    assert needs["rubric_hash"] == mine[0].rubric_hash and needs["rubric_version"]
    assert "SECRET" not in response.content.decode()


def test_one_assessment_exports_as_json_for_its_owner_only(client, owner, outsider, mine):
    done = mine[0]
    client.force_login(outsider)
    assert client.get(f"/assessments/{done.pk}/export.json").status_code == 404
    client.force_login(owner)
    data = json.loads(client.get(f"/assessments/{done.pk}/export.json").content)
    assert data["id"] == str(done.pk)


def test_anonymous_exports_go_to_sign_in(client, mine):
    for path in (
        "/assessments/export.csv",
        "/assessments/export.json",
        f"/assessments/{mine[0].pk}/export.json",
    ):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["/assessments/export.csv", "/assessments/export.json"])
def test_exports_run_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries, path):
    # 1. session  2. user  3. your assessments  4. their ratings  5. reviews received (none
    # here; with any, their ratings too: tests/reviews/test_export_reviews.py)
    # JSON only, the growth plan: 6. plan row  7. focus items  8. their actions
    with django_assert_num_queries(8 if path.endswith(".json") else 5):
        assert owner_client.get(path).status_code == 200
