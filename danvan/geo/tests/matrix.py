from danvan.core.testing import Row, everyone

ROWS = [
    Row("geo:unit_list", everyone(200)),
    Row("geo:unit_detail", everyone(200), kwargs=lambda w: {"pk": w.vinh_tuong.pk}),
]
