"""Garbled input in every form of the site, found automatically.

Every page of the access matrix is opened as a persona allowed to use it; each POST form on it
is read from the HTML and then posted, many times over, with values hypothesis makes up:
broken dates and numbers in the Vietnamese and other formats, huge and empty text, control
characters, markup, wrong choices and ids of things that do not exist. Whatever is posted,
the answer is never a server error, and a form sent back with errors has written nothing.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.core.testing import PERSONAS

# Tables written on any request (sessions, sign-in records): not "partial rows" of a form.
NOISE = {"sessions.Session", "axes.AccessLog", "axes.AccessAttempt", "axes.AccessFailureLog"}
# Forms that end the session or are not ours.
SKIP_ACTIONS = ("/accounts/logout/", "/i18n/", "/admin/")
EXAMPLES = 12

BROKEN_DATES = [
    "31/02/2022",
    "30/02/2023",
    "00/00/0000",
    "32/01/2022",
    "15/13/2022",
    "2022-13-45",
    "1/1/99999",
    "05-06-2025",
    "29/02/2023",
    "99/99/99",
    "ngày 5 tháng 6",
    "--/--/----",
]
BROKEN_NUMBERS = [
    "1.2.3",
    "1,2,3",
    "1.234.567,5",
    "1,234.5",
    "abc",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "-0",
    "99999999999999999999999999999",
    "0,0000000001",
    "١٢٣",  # Arabic-Indic digits
    "12 ",
    "½",
    "-",
    "+",
]
NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "Robert'); DROP TABLE orgs_organization;--",
    "\u202eRTL",
    "🎉" * 50,
    "Đ" * 1000,
    "x" * 20000,
    "\r\n\t",
    "%s %d {0} {{ x }}",
    "../../etc/passwd",
]
IDS = ["0", "-1", "999999999", "abc", "1.5", "", "9" * 30]

garbage = st.one_of(
    st.sampled_from(BROKEN_DATES + BROKEN_NUMBERS + NASTY_TEXT + IDS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


class FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            self._form["fields"][a["name"]] = {
                "kind": kind,
                "value": a.get("value") or "",
                "multiple": "multiple" in a,
            }
        elif tag == "textarea" and a.get("name"):
            self._form["fields"][a["name"]] = {"kind": "textarea", "value": ""}
        elif tag == "select" and a.get("name"):
            self._select = {"kind": "select", "options": [], "multiple": "multiple" in a}
            self._form["fields"][a["name"]] = self._select
        elif tag == "option" and self._select is not None and a.get("value") is not None:
            self._select["options"].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


def _forms_on(html: str, page_url: str) -> list[dict]:
    reader = FormReader()
    reader.feed(html)
    forms = []
    for form in reader.forms:
        action = form["action"] or page_url
        if form["method"] != "post" or not action.startswith("/"):
            continue
        if action.startswith(SKIP_ACTIONS):
            continue
        try:
            resolve(action.split("?")[0])
        except Resolver404:
            continue
        form["action"] = action
        forms.append(form)
    return forms


def _strategy(field: dict):
    kind = field["kind"]
    if kind == "hidden":
        return st.one_of(st.just(field["value"]), garbage)
    if kind == "select":
        choices = st.sampled_from(field["options"] + IDS) if field["options"] else garbage
        if field.get("multiple"):
            return st.lists(choices, max_size=4)
        return choices
    if kind in ("checkbox", "radio"):
        return st.sampled_from([field["value"] or "on", "", "x", "999999999"])
    if kind == "file":
        return st.sampled_from(
            [
                "",
                SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 renamed program"),
                SimpleUploadedFile("x.xlsx", b"<html><script>alert(1)</script></html>"),
                SimpleUploadedFile("rong.pdf", b""),
            ]
        )
    return garbage


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.label not in NOISE and not m._meta.proxy
    }


ORDER = ["quantri", "thuongtruc", "truongban", "mttq", "hoinongdan", "vinhtuong", "xem"]


def _rows():
    """One row per page of the matrix that some persona may open."""
    from danvan.core.tests.test_access_matrix import ROWS

    assert set(ORDER) == set(PERSONAS)
    seen, rows = set(), []
    for row in ROWS:
        if row.url_name in seen or not any(row.status_for(p) == 200 for p in ORDER):
            continue
        seen.add(row.url_name)
        rows.append(row)
    return rows


def test_the_reader_finds_fields_and_choices():
    html = (
        '<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" '
        'value="t"><input name="name"><select name="kind"><option value="">-</option>'
        '<option value="a">A</option></select><textarea name="note"></textarea>'
        '<button type="submit">Lưu</button></form><form method="get"><input name="q"></form>'
    )
    forms = FormReader()
    forms.feed(html)
    assert len(forms.forms) == 2
    post = forms.forms[0]
    assert set(post["fields"]) == {"csrfmiddlewaretoken", "name", "kind", "note"}
    assert post["fields"]["kind"]["options"] == ["", "a"]


def _fuzz(client, action: str, fields: dict) -> None:
    strategy = st.fixed_dictionaries({name: _strategy(f) for name, f in fields.items()})

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def post_garbage(data):
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)
        before = _counts()
        answer = client.post(action, data)
        assert answer.status_code < 500, (action, data)
        if answer.status_code not in (201, 302):  # created (shown on the answer) or redirected
            after = _counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"{action} refused the form but wrote {changed}"

    post_garbage()


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r.url_name)
def test_no_form_answers_garbage_with_a_server_error_or_a_half_save(world, media, row):
    """Each page gets its own world: the rows' argument builders create objects with fixed keys."""
    persona = next(p for p in ORDER if row.status_for(p) == 200)
    url = reverse(row.url_name, kwargs=row.kwargs(world) if row.kwargs else {})
    if row.query:
        url += f"?{row.query}"
    client = world.client(persona)
    response = client.get(url)
    if url.startswith("/api/") or response.status_code != 200:
        return
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    for form in _forms_on(response.content.decode(), url.split("?")[0]):
        if [f for f in form["fields"] if f != "csrfmiddlewaretoken"]:
            _fuzz(client, form["action"], form["fields"])


def test_the_fuzzer_finds_the_forms_of_the_site(world):
    """Not a vacuous pass: the pages of the matrix hold many POST forms to fuzz."""
    found = 0
    for row in _rows():
        if row.url_name.startswith(("orgs:", "areas:", "accounts:")):
            persona = next(p for p in ORDER if row.status_for(p) == 200)
            url = reverse(row.url_name, kwargs=row.kwargs(world) if row.kwargs else {})
            response = world.client(persona).get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                found += len(_forms_on(response.content.decode(), url))
    assert found >= 10, found
