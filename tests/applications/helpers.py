"""Files as people send them: real PDFs (reportlab), images, office documents, and impostors."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aidess.demo.application_file import pdf_bytes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def a_pdf(title="Statuts"):
    return pdf_bytes(title, ["Article 1 : l'association a pour objet…"])


def a_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODT = a_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ODS = a_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
DOCX = a_zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<x/>"})
XLSX = a_zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"})
PLAIN_ZIP = a_zip({"photo.txt": "bonjour"})


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def upload_url(structure):
    return reverse("applications:upload", args=[structure.pk])


def detail_url(structure):
    return reverse("applications:detail", args=[structure.pk])


def send(client, structure, name, content, kind="statuts", content_type="application/pdf", **extra):
    return client.post(
        upload_url(structure),
        {"kind": kind, "content": upload(name, content, content_type), **extra},
    )
