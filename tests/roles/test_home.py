import pytest

from roles import caching
from roles.models import TransitionGuide
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
    html = client.get("/").content.decode()
    assert 'href="/paths/product-manager/product-leader/"' in html  # the starter's featured guide
    assert "Guide: from Digital Product Manager to Product Leader" in html
    assert 'href="/paths/product-manager/senior-product-manager/"' not in html  # not featured
    make_guide("senior-product-manager", "group-product-manager", featured=True)
    html = client.get("/").content.decode()
    assert "Guide: from Senior Product Manager to Group Product Manager" in html
    assert "Guide: from Digital Product Manager to Product Leader" not in html
    TransitionGuide.objects.update(featured=False)
    caching.bump()  # update() sends no signals
    assert "Guide: from" not in client.get("/").content.decode()
