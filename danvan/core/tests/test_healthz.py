import json


def test_it_answers_200_with_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"


def test_it_rejects_post(client, db):
    assert client.post("/healthz").status_code == 405
