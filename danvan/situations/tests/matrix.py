from danvan.core.testing import Row, everyone

ROWS = [
    Row("situations:index", everyone(200)),
]
