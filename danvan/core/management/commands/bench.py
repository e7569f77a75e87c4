from django.core.management.base import BaseCommand

from danvan.bench.runner import CHILD_FLAG, run_child, run_parent
from danvan.bench.scales import SCALES


class Command(BaseCommand):
    help = (
        "Build a synthetic dataset in a database of its own (var/bench/<scale>.sqlite3, or "
        "DANVAN_BENCH_DATABASE_URL) and time the dashboard, drill-downs, report saving, Excel "
        "import, the year-end report and the list pages, each beside plain SQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--json", help="Write the results to this JSON file.")
        parser.add_argument("--runs", type=int, help="Timed runs per measurement (median).")
        parser.add_argument(
            "--rebuild", action="store_true", help="Build the dataset again even if cached."
        )
        parser.add_argument(
            "--only", help="Comma-separated blocks to time (home, lists, reporting…)."
        )

    def handle(self, *args, **options):
        import os

        if os.environ.get(CHILD_FLAG) == "1":
            run_child(options, self.stdout.write)
            return
        code = run_parent(options, self.stdout)
        if code:
            raise SystemExit(code)
