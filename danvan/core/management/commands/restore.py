from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with a backup made by `danvan backup`, "
        "then check every table against the backup's checksums. Stop the server first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `danvan backup`.")
        parser.add_argument("--no-files", action="store_true", help="Restore the database only.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        try:
            manifest = read_manifest(archive)
            if not options["yes"]:
                answer = input(
                    f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {manifest['created_at']}? "
                    "Gõ 'co' để tiếp tục: "
                )
                if answer.strip().lower() not in ("co", "có"):
                    raise CommandError("Đã hủy: không thay đổi gì.")
            result = restore(archive, include_files=not options["no_files"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {result.tables} bảng ({result.rows} dòng) và {result.files} tệp "
                f"từ bản sao lưu lúc {result.created_at}; mọi bảng khớp tổng kiểm tra."
            )
        )
        self.stdout.write("Chạy `danvan migrate` nếu bản sao lưu cũ hơn phiên bản phần mềm.")
