from danvan.core.testing import Row, everyone

ROWS = [
    Row("reporting:index", everyone(200)),
]
