from danvan.core.testing import Row, everyone

ROWS = [
    Row("planning:index", everyone(200)),
]
