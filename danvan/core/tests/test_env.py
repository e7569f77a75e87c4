import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from danvan.core.env import env_bool, env_choice, env_int, env_list


def test_it_reads_typed_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST") == ["a.example", "b.example"]
    assert env_int("X_MISSING", 7) == 7


@pytest.mark.parametrize(
    ("reader", "value"),
    [
        (lambda: env_bool("X", False), "maybe"),
        (lambda: env_int("X", 1), "ten"),
        (lambda: env_int("X", 1, minimum=5), "3"),
        (lambda: env_choice("X", "a", ["a", "b"]), "c"),
    ],
)
def test_it_refuses_bad_values_naming_the_variable(monkeypatch, reader, value):
    monkeypatch.setenv("X", value)
    with pytest.raises(ImproperlyConfigured, match="X"):
        reader()


def _start(env: dict) -> subprocess.CompletedProcess:
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_ALLOW_ASYNC"))
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "danvan", "check"],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_stops_on_a_bad_value_with_a_clear_message():
    result = _start({"DANVAN_DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "DANVAN_DEBUG='perhaps' is not a boolean" in result.stderr


def test_production_requires_a_secret_and_hosts():
    result = _start({"DANVAN_ENV": "production"})
    assert result.returncode != 0
    assert "DANVAN_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "danvan", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("DANVAN_", "DJANGO_ALLOW_ASYNC"))
            },
            "DANVAN_ENV": "production",
            "DANVAN_SECRET_KEY": "k" * 20 + "Zx9-" * 10,
            "DANVAN_ALLOWED_HOSTS": "danvan.example.vn",
            "DANVAN_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_argon2_hashes_passwords_in_the_real_settings():
    from django.contrib.auth.hashers import Argon2PasswordHasher
    from django.utils.module_loading import import_string

    from danvan import settings as configured

    hasher = import_string(configured.PASSWORD_HASHERS[0])()
    assert hasher.algorithm == "argon2"
    encoded = hasher.encode("danvan-demo", hasher.salt())
    # argon2id at OWASP's minimum: 19 MiB, 2 passes, 1 lane.
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.verify("danvan-demo", encoded)
    # A hash made at Django's defaults still opens and is redone at the next sign-in.
    older = Argon2PasswordHasher().encode("danvan-demo", hasher.salt())
    assert hasher.verify("danvan-demo", older)
    assert hasher.must_update(older) and not hasher.must_update(encoded)
