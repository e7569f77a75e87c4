"""`danvan backup` and `danvan restore` give back an identical database, table by table."""

from __future__ import annotations

import hashlib
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from danvan.core.backup import differences, fingerprint, read_manifest
from danvan.core.uploads import attach
from danvan.orgs.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def archive(world, media, tmp_path):
    attach(
        world.mttq,
        SimpleUploadedFile("ke-hoach.pdf", PDF),
        user=world.users["mttq"],
    )
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), stdout=StringIO())
    return path


def test_it_round_trips_to_an_identical_database(world, media, archive):
    before = fingerprint()
    stored = {p.relative_to(media): _sha(p) for p in media.rglob("*") if p.is_file()}
    assert len(stored) == 1

    # Change the database in every way: an update, a delete, an insert; and lose the files.
    Organization.objects.filter(pk=world.mttq.pk).update(name="Đã sửa sau khi sao lưu")
    world.users["xem"].delete()
    Organization.objects.create(name="Đơn vị mới", kind=Organization.OTHER)
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert differences(before, fingerprint())

    out = StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert differences(before, fingerprint()) == []
    assert {p.relative_to(media): _sha(p) for p in media.rglob("*") if p.is_file()} == stored
    assert "mọi bảng khớp" in out.getvalue()
    assert Organization.objects.get(pk=world.mttq.pk).name == world.mttq.name


def test_the_manifest_counts_every_table(world, archive):
    manifest = read_manifest(archive)
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"]["orgs_organization"]["rows"] == Organization.objects.count()
    assert "django_migrations" in manifest["tables"]
    assert len(manifest["files"]) == 1


def test_it_refuses_a_damaged_archive_and_changes_nothing(world, tmp_path):
    before = fingerprint()
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"not a tar file at all")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore", str(bad), "--yes")
    assert differences(before, fingerprint()) == []


def test_it_refuses_an_archive_whose_database_was_tampered_with(world, archive, tmp_path):
    """A database inside the archive that no longer matches its manifest is refused."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite copy is checked before it replaces anything")
    import sqlite3

    work = tmp_path / "x"
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    db = sqlite3.connect(work / "database.sqlite3")
    db.execute("DELETE FROM orgs_organization WHERE id = ?", (world.hnd.pk,))
    db.commit()
    db.close()
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as tar:
        for item in sorted(work.rglob("*")):
            if item.is_file():
                tar.add(item, arcname=str(item.relative_to(work)))
    before = fingerprint()
    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("restore", str(tampered), "--yes")
    assert differences(before, fingerprint()) == []


def test_restore_asks_before_replacing(world, archive, monkeypatch):
    before = fingerprint()
    Organization.objects.create(name="Không được mất", kind=Organization.OTHER)
    changed = fingerprint()
    monkeypatch.setattr("builtins.input", lambda prompt: "khong")
    with pytest.raises(CommandError, match="Đã hủy"):
        call_command("restore", str(archive))
    assert differences(changed, fingerprint()) == []
    assert differences(before, fingerprint())
