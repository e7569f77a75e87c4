from danvan.core.testing import Row, everyone, only

ROWS = [
    Row("areas:area_list", everyone(200)),
    Row("areas:area_create", only({"quantri": 200, "thuongtruc": 200})),
    Row(
        "areas:area_edit",
        only({"quantri": 200, "thuongtruc": 200}),
        kwargs=lambda w: {"pk": w.areas["nong-thon-moi"].pk},
    ),
]
