import pytest
from django.urls import reverse


def test_it_signs_in_and_out(world, client):
    response = client.post(reverse("login"), {"username": "mttq", "password": "danvan-demo"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_a_wrong_password_is_refused_in_vietnamese(world, client):
    response = client.post(reverse("login"), {"username": "mttq", "password": "sai"})
    assert response.status_code == 200
    assert "tên đăng nhập" in response.content.decode().lower()


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_it_locks_after_repeated_failures(world, client, throttled):
    for _ in range(3):
        client.post(reverse("login"), {"username": "mttq", "password": "sai"})
    response = client.post(reverse("login"), {"username": "mttq", "password": "danvan-demo"})
    assert response.status_code == 429
    assert "15 phút" in response.content.decode()


def test_password_change_checks_the_rules(world):
    client = world.client("mttq")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "danvan-demo",
            "new_password1": "123",
            "new_password2": "123",
        },
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
