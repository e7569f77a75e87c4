from danvan.core.testing import Row, everyone, only

ROWS = [
    Row("accounts:profile", everyone(200)),
    Row("accounts:user_list", everyone(200)),
    Row("accounts:user_create", only({"quantri": 200})),
    # A focal officer sees the accounts of their own organisation only.
    Row(
        "accounts:user_detail",
        {"*": 200, "mttq": 404, "hoinongdan": 404, "vinhtuong": 404, "xem": 404},
        kwargs=lambda w: {"pk": w.thuongtruc.pk},
    ),
    Row(
        "accounts:user_edit",
        only({"quantri": 200}, 403)
        | {"mttq": 404, "hoinongdan": 404, "vinhtuong": 404, "xem": 404},
        kwargs=lambda w: {"pk": w.thuongtruc.pk},
    ),
]
