from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and the uploaded files into one "
        "archive with a checksum of every table."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="Archive to write (default: var/backups/danvan-<date>-<time>.tar.gz).",
        )
        parser.add_argument("--no-files", action="store_true", help="Leave out the uploaded files.")

    def handle(self, *args, **options):
        try:
            result = backup(
                Path(options["output"]) if options["output"] else None,
                include_files=not options["no_files"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu {result.tables} bảng ({result.rows} dòng) và {result.files} tệp "
                f"vào {result.path}"
            )
        )
