from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.core.demo import DEMO_PASSWORD, load_all


class Command(BaseCommand):
    help = "Load the Vĩnh Phúc 2022 demonstration data and demo accounts (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Dữ liệu mẫu không được nạp ở chế độ production (DANVAN_ENV=production)."
            )
        self.stdout.write("Nạp dữ liệu mẫu Vĩnh Phúc 2022 (số bản ghi tạo mới):")
        with transaction.atomic():
            created = load_all(lambda line: self.stdout.write(line))
        if not any(created.values()):
            self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã có đủ: không thay đổi gì."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo {sum(created.values())} bản ghi."))
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        from danvan.accounts.demo import DEMO_USERS

        for username, _name, description, *_rest in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {description}")
