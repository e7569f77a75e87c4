"""The password hasher: argon2id at OWASP's recommended minimum.

Django's defaults (100 MiB, 2 passes, 8 lanes) cost ≈ 190 ms of CPU per sign-in here, and 50
officers signing in within seconds kept both cores busy for 10 s (docs/PERFORMANCE.md). OWASP's
Password Storage Cheat Sheet gives 19 MiB, 2 passes, 1 lane as a configuration of equal defence
against guessing (memory-hard per guess): ≈ 18 ms. The name stays "argon2", so hashes made with
other parameters still verify and are re-hashed with these at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
