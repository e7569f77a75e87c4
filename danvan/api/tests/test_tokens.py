"""Personal API tokens: created on the profile page (shown once), stored hashed, revoked there,
with an optional expiry; and the session for the pages' own calls, with CSRF on writes."""

from datetime import timedelta

from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.api.models import ApiToken, hash_token
from danvan.api.services import create_token


def _create_on_profile(client, **data):
    return client.post(reverse("tokens:token_create"), {"name": "Excel của tôi", **data})


def test_the_profile_page_offers_tokens(world):
    body = world.client("mttq").get(reverse("accounts:profile")).content.decode()
    assert "Mã truy cập API" in body and reverse("tokens:token_create") in body


def test_it_creates_a_token_shown_once_and_stored_hashed(world):
    client = world.client("mttq")
    response = _create_on_profile(client)
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    raw = response.context["raw"]
    assert raw.startswith("dv_") and raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == world.users["mttq"] and token.key_hash == hash_token(raw)
    assert raw not in str(ApiToken.objects.values().get())  # never stored in clear
    assert token.prefix == raw[:8]
    # Shown once: the profile lists it by its prefix only.
    body = client.get(reverse("accounts:profile")).content.decode()
    assert token.prefix in body and raw not in body
    entry = LogEntry.objects.get_for_object(token).get()
    assert entry.actor == world.users["mttq"] and entry.action == LogEntry.Action.CREATE
    # It works.
    me = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == "mttq" and me.json()["via_token"]


def test_it_refuses_a_token_without_a_name_or_with_a_past_expiry(world):
    client = world.client("mttq")
    assert _create_on_profile(client, name="").status_code == 302
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    response = _create_on_profile(client, expires_on=yesterday)
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_a_revoked_token_stops_working_and_the_revocation_is_audited(world):
    token, raw = create_token(acting_user=world.users["mttq"], name="x")
    caller = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert caller.get("/api/v1/me").status_code == 200
    response = world.client("mttq").post(reverse("tokens:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    answer = caller.get("/api/v1/me")
    assert answer.status_code == 401 and answer.json()["code"] == "token_invalid"
    entry = LogEntry.objects.get_for_object(token).first()
    assert entry.actor == world.users["mttq"] and entry.additional_data["action"] == "revoke"


def test_nobody_else_revokes_my_token(world):
    token, _raw = create_token(acting_user=world.users["mttq"], name="x")
    response = world.client("hoinongdan").post(reverse("tokens:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_is_refused_with_its_own_code(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    token, raw = create_token(acting_user=world.users["mttq"], name="x", expires_on=tomorrow)
    caller = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert caller.get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = caller.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json() == {"code": "token_expired", "message": "Mã truy cập API này đã hết hạn."}


def test_a_wrong_token_and_no_credentials_are_401_in_json(world):
    answer = Client(HTTP_AUTHORIZATION="Bearer dv_nothing").get("/api/v1/tasks")
    assert answer.status_code == 401 and answer.json()["code"] == "token_invalid"
    answer = Client().get("/api/v1/tasks")
    assert answer.status_code == 401 and answer.json()["code"] == "not_authenticated"
    assert answer.json()["message"] == "Hãy đăng nhập hoặc gửi mã truy cập API hợp lệ."


def test_the_session_reads_and_writes_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.thuongtruc)
    assert client.get("/api/v1/me").status_code == 200
    refused = client.post("/api/v1/indicators", {"code": "X"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    client.get(reverse("accounts:profile"))  # sets the CSRF cookie, as a page does
    accepted = client.post(
        "/api/v1/indicators",
        {"code": "X", "name": "Chỉ tiêu X", "measure_unit": "lượt", "aggregation": "sum"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert accepted.status_code == 201, accepted.content


def test_a_token_needs_no_csrf_token(world, api):
    response = api("thuongtruc").post(
        "/indicators",
        {"code": "X", "name": "Chỉ tiêu X", "measure_unit": "lượt", "aggregation": "sum"},
    )
    assert response.status_code == 201


def test_too_many_requests_are_429_per_token(world, api, settings):
    settings.DANVAN_API_RATE_LIMIT = 3
    first, second = api("mttq"), api("hoinongdan")
    assert [first.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    answer = first.get("/me")
    assert answer.status_code == 429
    assert answer.json()["code"] == "rate_limited" and int(answer["Retry-After"]) >= 1
    # Another token has its own count.
    assert second.get("/me").status_code == 200


def test_the_docs_and_the_document_work_offline(world):
    client = world.client("mttq")
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.") and "/api/v1/reports" in document["paths"]
