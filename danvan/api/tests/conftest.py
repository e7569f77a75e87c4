import json

import pytest
from django.core.cache import cache
from django.test import Client

from danvan.api.services import create_token


class ApiClient:
    """A program calling the API with a persona's personal token."""

    def __init__(self, user):
        self.user = user
        self.token, self.raw = create_token(acting_user=user, name="test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {self.raw}")

    def _send(self, method, path, data=None, **query):
        url = "/api/v1" + path
        if method == "get":
            return self.client.get(url, query)
        body = json.dumps(data if data is not None else {}, default=str)
        return getattr(self.client, method)(url, body, content_type="application/json")

    def get(self, path, **query):
        return self._send("get", path, **query)

    def post(self, path, data=None):
        return self._send("post", path, data)

    def put(self, path, data=None):
        return self._send("put", path, data)

    def patch(self, path, data=None):
        return self._send("patch", path, data)

    def delete(self, path):
        return self._send("delete", path)


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(world):
    """api("mttq") → an ApiClient with a token of that persona."""
    made = {}

    def make(persona: str) -> ApiClient:
        if persona not in made:
            made[persona] = ApiClient(world.users[persona])
        return made[persona]

    return make
