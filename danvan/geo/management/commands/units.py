from django.core.management.base import BaseCommand, CommandError

from danvan.geo.importer import UnknownProvince, import_2025, import_legacy


class Command(BaseCommand):
    help = 'Administrative units from the vietnamadminunits package: `danvan units import --province "Vĩnh Phúc" --structure legacy`.'

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Load or refresh units (idempotent).")
        imp.add_argument(
            "--province", action="append", help='Province name, e.g. "Vĩnh Phúc" (repeatable).'
        )
        imp.add_argument("--all", action="store_true", help="Every province of the country.")
        imp.add_argument("--structure", choices=["legacy", "2025", "both"], default="both")

    def handle(self, *args, action, province=None, all=False, structure="both", **options):
        if not province and not all:
            raise CommandError("Name a --province or pass --all.")
        targets = [None] if all else province
        for name in targets:
            for kind, importer in (("legacy", import_legacy), ("2025", import_2025)):
                if structure not in (kind, "both"):
                    continue
                try:
                    result = importer(name)
                except UnknownProvince:
                    raise CommandError(
                        f"Không tìm thấy tỉnh “{name}” trong dữ liệu đơn vị hành chính."
                    ) from None
                label = ", ".join(result.provinces[:3]) + ("…" if len(result.provinces) > 3 else "")
                self.stdout.write(
                    f"{kind}: {label}: {result.created} created, {result.updated} updated, {result.successions} successions linked"
                    if result.changed
                    else f"{kind}: {label}: already up to date"
                )
