"""Officers using danvan: each simulated user signs in with a demo account, then goes
through the main pages (the sections of the top menu and the pages they link to) with a
few seconds of reading between clicks. Run by `make load` (danvan/bench/load.py) against
gunicorn on 127.0.0.1 only."""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

ACCOUNTS = ["thuongtruc", "truongban", "mttq", "hoinongdan", "vinhtuong", "xem", "quantri"]
PASSWORD = "danvan-demo"  # noqa: S105 - the public demo password (UI.md)
_next_account = itertools.cycle(ACCOUNTS)

# Every response time, so the wrapper can give exact percentiles with and without sign-ins.
_samples: list[tuple[str, float, bool]] = []


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    _samples.append((name, response_time, exception is None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    path = os.environ.get("DANVAN_LOAD_SAMPLES")
    if path:
        with open(path, "w") as handle:
            json.dump(_samples, handle)


HREF = re.compile(r'href="(/[^"#]*)"')
NAV = re.compile(r'<nav class="sections.*?</nav>', re.S)
SKIP = ("/static/", "/accounts/logout", "/files/", "/admin/", "/i18n/", "/api/", "export=")


class Officer(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.username = next(_next_account)
        self.client.get("/accounts/login/", name="login page")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {self.username} answered {response.status_code}")
                return
        home = self.client.get("/", name="/ (overview)")
        nav = NAV.search(home.text)
        self.sections = [h for h in HREF.findall(nav.group(0) if nav else "") if h != "/"]
        self.pages: list[str] = []
        for section in self.sections:
            # An officer reads a page before the next click, here as everywhere (without it,
            # 50 officers opened 400 sections in the first 10 s: a crawler, not a user).
            self.wait()
            response = self.client.get(section, name=f"section {section}")
            for href in HREF.findall(response.text):
                if href.startswith(section) and not any(s in href for s in SKIP):
                    self.pages.append(href.replace("&amp;", "&"))
        self.pages = sorted(set(self.pages))[:60]

    def _get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url}: {response.status_code} {response.error or ''}")

    @task(3)
    def overview(self):
        self._get("/", "/ (overview)")

    @task(3)
    def section(self):
        if self.sections:
            url = random.choice(self.sections)  # noqa: S311
            self._get(url, f"section {url}")

    @task(6)
    def page(self):
        if self.pages:
            url = random.choice(self.pages)  # noqa: S311
            # Group pages by their shape (/tasks/12/ and /tasks/40/ are one line of the table).
            self._get(url, re.sub(r"\d+", "N", url.split("?")[0]))

    @task(1)
    def search(self):
        self._get("/search/?q=nong+thon+moi", "search")
