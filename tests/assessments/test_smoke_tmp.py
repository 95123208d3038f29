from tests.assessments.conftest import make_assessment


def test_pages(owner_client, owner, starter):
    a = make_assessment(owner)
    b = make_assessment(owner, "product-leader", default=4)
    d = make_assessment(owner, submit=False)
    for url in ["/assessments/", "/assessments/new/", "/assessments/new/product-manager/", f"/assessments/{d.pk}/edit/",
                f"/assessments/{a.pk}/", f"/assessments/{a.pk}/?for=product-leader", "/assessments/progress/",
                f"/assessments/compare/?a={a.pk}&b={b.pk}", "/assessments/compare/", f"/assessments/{a.pk}/delete/",
                "/assessments/export.csv", "/assessments/export.json", f"/assessments/{a.pk}/export.json", "/roles/product-manager/"]:
        r = owner_client.get(url)
        assert r.status_code == 200, (url, r.content.decode()[:3000])
    open("/tmp/result.html", "w").write(owner_client.get(f"/assessments/{a.pk}/?for=product-leader").content.decode())
    open("/tmp/form.html", "w").write(owner_client.get(f"/assessments/{d.pk}/edit/").content.decode())
    open("/tmp/progress.html", "w").write(owner_client.get("/assessments/progress/").content.decode())
