from danvan.core.testing import Row, everyone

ROWS = [
    Row("training:index", everyone(200)),
]
