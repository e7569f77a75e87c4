"""A process killed with SIGKILL in the middle of an import, a load or a save leaves the
database exactly as it was: every table's row count and checksum are unchanged."""

from __future__ import annotations

import sys

import pytest
from django.db import connection

from danvan.core.backup import differences, fingerprint
from danvan.core.tests.killing import child_env, kill_snippet_midway, kill_when
from danvan.geo.models import AdminUnit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_units_import_killed_midway_changes_nothing(world):
    before = fingerprint()
    kill_snippet_midway(
        """
import danvan.geo.importer as importer
original = importer.log_created
def log_created(objects):
    written = original(objects)
    if written:
        midway(after=2)  # two levels of units written inside the import's transaction
    return written
importer.log_created = log_created
importer.import_legacy("Vĩnh Phúc")
"""
    )
    assert differences(before, fingerprint()) == []
    assert (
        AdminUnit.objects.filter(level=AdminUnit.COMMUNE, structure=AdminUnit.LEGACY).count() == 3
    )


def test_the_demo_load_killed_midway_changes_nothing(db):
    before = fingerprint()
    output = kill_when([sys.executable, "-m", "danvan", "demo"], "  orgs: ")
    assert "geo:" in output
    assert differences(before, fingerprint()) == []


def test_a_workflow_step_killed_after_its_save_changes_nothing(world):
    """The task is saved and its audit entry written, then the process dies while the step's
    follow-up rows are written: nothing of the step remains."""
    from danvan.tasks.models import Task
    from danvan.tasks.services import create_task

    task = create_task(
        title="Ra quân làm đường giao thông nông thôn",
        lead=world.mttq,
        owner=world.mttq,
        acting_user=world.users["mttq"],
    )
    before = fingerprint()
    kill_snippet_midway(
        f"""
import danvan.tasks.services as services
original = services.TaskUpdate.objects.create
def create(*args, **kwargs):
    row = original(*args, **kwargs)
    midway()
services.TaskUpdate.objects.create = create
from danvan.accounts.models import User
from danvan.tasks.models import Task
services.complete_task(
    Task.objects.get(pk={task.pk}),
    acting_user=User.objects.get(username="mttq"),
    text="Đã hoàn thành 12 km đường",
)
"""
    )
    assert differences(before, fingerprint()) == []
    assert Task.objects.get(pk=task.pk).state == Task.OPEN


def test_a_restore_killed_midway_leaves_the_database_as_it_was(world, tmp_path, media):
    if connection.vendor != "sqlite":
        pytest.skip(
            "PostgreSQL restores in one psql transaction; killing danvan leaves psql to finish"
        )
    from django.core.management import call_command

    from danvan.orgs.models import Organization

    archive = tmp_path / "b.tar.gz"
    call_command("backup", str(archive), "--no-files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Organization.objects.create(name="Thêm sau khi sao lưu", kind=Organization.OTHER)
    before = fingerprint()
    kill_snippet_midway(
        f"""
import danvan.core.backup as backup
def progress(status, remaining, total):
    if remaining:  # pages copied, more to come: the target is half-written
        midway()
backup._progress = progress
backup.restore({str(archive)!r}, include_files=False)
""",
        env=child_env(),
    )
    assert differences(before, fingerprint()) == []
