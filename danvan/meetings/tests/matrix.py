from danvan.core.testing import Row, everyone

ROWS = [
    Row("meetings:index", everyone(200)),
]
