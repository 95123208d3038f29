import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_renders_the_home_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Career Paths</title>" in html
    assert 'href="#main"' in html  # skip link
    assert 'aria-label="Main"' in html
    assert "Browse all roles" in html


def test_it_shows_sign_out_as_a_post_form_when_signed_in(client, django_user_model):
    user = django_user_model.objects.create_user("alice", password="pw-long-enough-1")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert 'method="post" action="/accounts/logout/"' in html
    assert 'href="/accounts/profile/"><span class="visually-hidden">Your account: </span>alice</a>' in html
    assert 'href="/accounts/signup/' not in html


def test_it_offers_sign_in_and_sign_up_when_signed_out(client):
    html = client.get(reverse("roles:list")).content.decode()
    assert 'href="/accounts/login/?next=/roles/">Sign in</a>' in html
    assert 'href="/accounts/signup/?next=/roles/">Sign up</a>' in html
    assert "/accounts/profile/" not in html
