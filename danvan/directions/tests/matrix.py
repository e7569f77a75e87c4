from danvan.core.testing import Row, everyone

ROWS = [
    Row("directions:index", everyone(200)),
]
