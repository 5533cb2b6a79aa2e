"""Documents are accepted for what they contain, never for their name or declared type.

`detect(file)` reads the first bytes (PDF, PNG, JPEG) or, for a ZIP, the names of its members and
the ODF `mimetype` entry (ODT, DOCX, XLSX): an HTML page renamed « statuts.pdf » is refused, a PDF
renamed « rib.png » is kept as a PDF. Only a few bytes and the ZIP directory are read, so a ZIP
bomb is never unpacked.

`scan(file)` is where an antivirus plugs in: none is installed, because no signature database can
be updated offline on this machine. Deploying with one (ClamAV's clamd, for instance): set
`DOCUMENT_SCANNER` to the dotted path of a function `scanner(file) -> str | None` that returns a
French message to refuse the file, None to accept it.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from aidess.core.limits import megabytes

# Below the request limit (settings.MAX_UPLOAD_BYTES, refused before reading by core.limits), so
# that a file slightly too large gets its message next to the field rather than a 413 page.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    name: str
    extension: str
    content_type: str


PDF = FileType("PDF", "pdf", "application/pdf")
PNG = FileType("image PNG", "png", "image/png")
JPEG = FileType("image JPEG", "jpg", "image/jpeg")
ODT = FileType("texte OpenDocument", "odt", "application/vnd.oasis.opendocument.text")
DOCX = FileType(
    "document Word",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileType(
    "classeur Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
ACCEPTED = "PDF, PNG, JPEG, ODT, DOCX ou XLSX"
NAMES = {kind.content_type: kind.name for kind in (PDF, PNG, JPEG, ODT, DOCX, XLSX)}

NOT_ACCEPTED = (
    "Ce fichier n'est pas un document accepté : envoyez un fichier {accepted} "
    "(son contenu est vérifié, pas seulement son nom)."
)
TOO_LARGE = "Le fichier dépasse {limit} : réduisez-le (PDF compressé, image moins définie)."
EMPTY = "Le fichier est vide."


def detect(file):
    """The `FileType` of an open binary file by its content, or None; the position is kept."""
    start = file.tell()
    try:
        head = file.read(8)
        file.seek(start)
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office_type(file)
        return None
    finally:
        file.seek(start)


def _office_type(file):
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).strip()
                return ODT if mimetype == ODT.content_type.encode() else None
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def no_scanner(file):
    """The default scanner: accepts everything (see the module's docstring)."""
    return None


def scan(file):
    """The configured scanner's refusal message, or None."""
    scanner = import_string(getattr(settings, "DOCUMENT_SCANNER", "") or f"{__name__}.no_scanner")
    start = file.tell()
    try:
        return scanner(file)
    finally:
        file.seek(start)


def check_upload(file):
    """The `FileType` of an uploaded file, or ValidationError with a French message."""
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(TOO_LARGE.format(limit=megabytes(MAX_DOCUMENT_BYTES)), "too_large")
    if not file.size:
        raise ValidationError(EMPTY, "empty")
    kind = detect(file)
    if kind is None:
        raise ValidationError(NOT_ACCEPTED.format(accepted=ACCEPTED), "not_accepted")
    refusal = scan(file)
    if refusal:
        raise ValidationError(refusal, "refused_by_scanner")
    return kind
