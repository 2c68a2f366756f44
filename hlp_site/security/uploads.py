"""Refuse uploaded documents that are not what their names say.

Wagtail already checks images (format against extension, size, pixel count) and the
document extension list; this adds the documents' content check.
"""

from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04",)
# The first bytes each allowed document type must start with.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "key": ZIP,
    "zip": ZIP,
    "rtf": (b"{\\rtf",),
    "webm": (b"\x1a\x45\xdf\xa3",),
    "vtt": (b"WEBVTT", b"\xef\xbb\xbfWEBVTT"),
}
TEXT_TYPES = {"csv", "txt", "vtt"}
SNIFF_BYTES = 8192


def check_document_content(uploaded):
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    if not head:
        raise ValidationError("This file is empty.", code="empty_document")
    if extension in SIGNATURES and not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            f"This file is not a valid .{extension} file: its content does not match its name.",
            code="document_content_mismatch",
        )
    if extension == "mp4" and head[4:8] != b"ftyp":  # ISO media: a box named ftyp first
        raise ValidationError(
            "This file is not a valid .mp4 file: its content does not match its name.",
            code="document_content_mismatch",
        )
    if extension in TEXT_TYPES:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:  # not just a character cut at the sniff boundary
                raise ValidationError(
                    f"This file is not a valid .{extension} file: it is not UTF-8 text.",
                    code="document_content_mismatch",
                ) from None
        if b"\x00" in head:
            raise ValidationError(
                f"This file is not a valid .{extension} file: it holds binary data.",
                code="document_content_mismatch",
            )


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document_content(uploaded)
        return uploaded
