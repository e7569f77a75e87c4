from danvan.core.testing import Row, everyone

ROWS = [
    Row("practices:index", everyone(200)),
]
