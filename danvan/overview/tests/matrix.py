from danvan.core.testing import Row, everyone

ROWS = [
    Row("overview:index", everyone(200)),
]
