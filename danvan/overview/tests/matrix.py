from danvan.core.testing import Row, everyone

ROWS = [
    Row("overview:index", everyone(200)),
    Row("overview:drill", everyone(200), kwargs=None, query="period=2022"),
    Row("overview:tasks", everyone(200), query="period=2022&status=overdue"),
]
