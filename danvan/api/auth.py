"""Who is calling: a personal API token (`Authorization: Bearer dv_…`) or, for the pages' own
calls, the browser session; a session's writes need the CSRF token, as a form post does.

Both give `request.auth` (the user); the token also becomes `request.user`, so everything
downstream (access predicates, `visible_to`, services) sees the same person either way.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import BaseThrottle
from ninja.utils import check_csrf

from danvan.api.errors import ApiError
from danvan.api.services import user_for_token


class TokenAuth(HttpBearer):
    """A personal token: refused with 401 (and why) when unknown, revoked or expired."""

    def authenticate(self, request: HttpRequest, token: str):
        found, reason = user_for_token(token)
        if found is None:
            if reason == "expired":
                raise ApiError(401, "token_expired", _("This API token has expired."))
            raise ApiError(401, "token_invalid", _("This API token is not valid."))
        request.api_token = found
        request.user = found.user
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session. Anonymous callers are 401, not a CSRF refusal."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed")
        return user

    def authenticate(self, request: HttpRequest, key):  # pragma: no cover - __call__ decides
        return None


class FixedWindowThrottle(BaseThrottle):
    """At most DANVAN_API_RATE_LIMIT requests per token (or per session user) in each minute,
    counted in Django's cache (local memory by default, shared with Redis in production)."""

    window = 60

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "api_token", None)
        user = getattr(request, "auth", None)
        if token is not None:
            ident = f"token:{token.pk}"
        elif user is not None:
            ident = f"user:{user.pk}"
        else:
            return True
        now = time.time()
        slot = int(now // self.window)
        self._left = self.window - (now % self.window)
        key = f"danvan:api-rate:{ident}:{slot}"
        cache.add(key, 0, timeout=self.window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: start the window again
            cache.set(key, 1, timeout=self.window + 5)
            count = 1
        return count <= settings.DANVAN_API_RATE_LIMIT

    def wait(self) -> float | None:
        return math.ceil(getattr(self, "_left", self.window))
