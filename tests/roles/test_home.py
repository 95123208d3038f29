import pytest

from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db


def test_it_links_the_featured_comparison(client, django_assert_num_queries):
    load_starter()
    # 1. cache token  2. the two featured roles
    with django_assert_num_queries(2):
        html = client.get("/").content.decode()
    # Again, from the page cache: 1. cache token
    with django_assert_num_queries(1):
        assert client.get("/").content.decode() == html
    assert 'href="/compare/?roles=product-manager&amp;roles=product-leader"' in html
    assert "Compare Digital Product Manager vs Product Leader" in html
