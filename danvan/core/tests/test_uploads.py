"""Uploads are judged by what they contain, never by their name; too big is refused;
nothing is stored for a refused file."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import Attachment
from danvan.core.uploads import DOCUMENTS, attach, check_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", EXE),  # a Windows program renamed
        ("bao-cao.pdf", ELF),  # a Linux program renamed
        ("bao-cao.pdf", HTML),  # a web page that would run script if served inline
        ("anh.png", SVG),  # SVG can carry script
        ("bang.xlsx", _zip({"evil.exe": EXE})),  # a zip that is not an Office file
        ("bao-cao.docx", b"PK\x03\x04 broken zip"),
        ("trong.pdf", b""),
        ("macro.xlsm.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500),  # old OLE .xls
    ],
)
def test_a_disguised_file_is_refused_by_content(name, content):
    with pytest.raises(ValidationError) as raised:
        check_upload(SimpleUploadedFile(name, content))
    assert "không đúng định dạng cho phép" in " ".join(raised.value.messages)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("scan.bin", PDF, "pdf"),  # the name does not matter either way
        ("bang-tong-hop", _xlsx(), "xlsx"),
        ("anh.jpg", PNG, "png"),
    ],
)
def test_a_real_file_is_accepted_whatever_its_name(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content)) == kind


def test_an_image_is_refused_where_only_documents_are_allowed():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("a.png", PNG), allowed=DOCUMENTS)


def test_an_oversized_file_is_refused_with_its_size(settings):
    settings.DANVAN_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as raised:
        check_upload(big)
    message = " ".join(raised.value.messages)
    assert "dung lượng tối đa là 1 MB" in message


def test_a_refused_file_leaves_nothing_behind(world, media):
    with pytest.raises(ValidationError):
        attach(world.mttq, SimpleUploadedFile("x.pdf", EXE), user=world.users["mttq"])
    assert Attachment.objects.count() == 0
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_stored_file_is_served_as_a_download_to_those_who_may_see_it(world, media):
    item = attach(world.mttq, SimpleUploadedFile("k.pdf", PDF), user=world.users["mttq"])
    response = world.client("mttq").get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert world.client(None).get(item.get_absolute_url()).status_code == 302
