from danvan.core.testing import Row, everyone

ROWS = [
    Row("healthz", everyone(200), anonymous=200),
    Row("login", everyone(302), anonymous=200),
    Row("logout", everyone(405)),
    Row("password_change", everyone(200)),
    Row("password_change_done", everyone(200)),
    Row("core:search", everyone(200), query="q=dang"),
    Row("core:notifications", everyone(200)),
    Row("core:notifications_read", everyone(405)),
    Row("core:notification_open", everyone(404), kwargs=lambda w: {"pk": 999999}),
    Row(
        "core:attachment",
        everyone(404),
        kwargs=lambda w: {"key": "00000000-0000-0000-0000-000000000000"},
    ),
]
