import pytest

from tests.roles.factories import load_starter, make_guide

pytestmark = pytest.mark.django_db


def test_it_links_the_featured_comparison(client, django_assert_num_queries):
    load_starter()
    # 1. cache token  2. the two featured roles  3. the featured guide
    with django_assert_num_queries(3):
        html = client.get("/").content.decode()
    # Again, from the page cache: 1. cache token
    with django_assert_num_queries(1):
        assert client.get("/").content.decode() == html
    assert 'href="/compare/?roles=product-manager&amp;roles=product-leader"' in html
    assert "Compare Digital Product Manager vs Product Leader" in html


def test_it_features_the_featured_guide(client):
    load_starter()
    assert "/paths/" not in client.get("/").content.decode().split("</nav>", 1)[1]  # none yet
    make_guide("product-manager", "product-leader", featured=True)
    make_guide("product-manager", "senior-product-manager")
    html = client.get("/").content.decode()
    assert 'href="/paths/product-manager/product-leader/"' in html
    assert "Guide: from Digital Product Manager to Product Leader" in html
    assert 'href="/paths/product-manager/senior-product-manager/"' not in html
