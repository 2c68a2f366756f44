"""Bad uploads are refused with a clear message, and leave no file and no row behind."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("uploader", "u@example.com", "pw")
    client.force_login(user)
    return client


def png_bytes(size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return {p for folder in ("original_images", "documents") for p in (root / folder).rglob("*")}


def form_errors(response):
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def upload(client, kind, name, content):
    url = reverse("wagtailimages:add" if kind == "image" else "wagtaildocs:add")
    data = {
        "title": "Upload test",
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
    }
    return client.post(url, data)


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

BAD_IMAGES = [
    ("not-an-image.jpg", b"just some text, not a picture", "not an image"),
    ("png-in-disguise.jpg", png_bytes(), "The extension does not match the file format"),
    ("logo.svg", SVG_WITH_SCRIPT, "Not a supported image format"),
    ("script.svg.png", SVG_WITH_SCRIPT, "Not a valid"),
    ("bomb.png", png_bytes((8000, 8000), mode="1"), "too many pixels"),
    ("huge.png", png_bytes() + b"\0" * (10 * 1024 * 1024 + 1), "This file is too big"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES)
def test_bad_image_is_refused_and_nothing_stored(admin_client, name, content, message):
    images, files = get_image_model().objects.count(), stored_files()
    response = upload(admin_client, "image", name, content)
    assert response.status_code == 200  # the form again, with its error
    assert message in form_errors(response)
    assert get_image_model().objects.count() == images
    assert stored_files() == files


def test_bad_image_in_multiple_upload_is_refused(admin_client):
    images = get_image_model().objects.count()
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT)},
    )
    body = response.json()
    assert body["success"] is False
    assert "Not a supported image format" in body["error_message"]
    assert get_image_model().objects.count() == images


def test_good_image_is_accepted(admin_client):
    images = get_image_model().objects.count()
    response = upload(admin_client, "image", "fine.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == images + 1


BAD_DOCUMENTS = [
    ("report.pdf", b"MZ\x90\x00 an executable pretending", "content does not match its name"),
    ("minutes.docx", b"%PDF-1.4 a pdf pretending", "content does not match its name"),
    ("data.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary", "not UTF-8 text"),
    ("notes.txt", b"text with a \x00 nul byte", "binary data"),
    ("empty.pdf", b"", "empty"),
    ("page.html", b"<html><script>alert(1)</script></html>", "File extension"),
    ("image.svg", SVG_WITH_SCRIPT, "File extension"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_DOCUMENTS)
def test_bad_document_is_refused_and_nothing_stored(admin_client, name, content, message):
    documents, files = get_document_model().objects.count(), stored_files()
    response = upload(admin_client, "document", name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert get_document_model().objects.count() == documents
    assert stored_files() == files


def test_oversized_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024  # the real limit is 25 MB; same code path
    documents = get_document_model().objects.count()
    response = upload(admin_client, "document", "big.pdf", b"%PDF-1.4" + b"x" * 2048)
    assert "This file is too big" in form_errors(response)
    assert get_document_model().objects.count() == documents


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n..."),
        ("minutes.docx", b"PK\x03\x04rest"),
        ("a.csv", b"a,b\n1,2\n"),
    ],
)
def test_good_documents_are_accepted(admin_client, name, content):
    documents = get_document_model().objects.count()
    response = upload(admin_client, "document", name, content)
    assert response.status_code == 302
    assert get_document_model().objects.count() == documents + 1
