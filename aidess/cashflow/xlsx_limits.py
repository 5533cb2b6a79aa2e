"""What an uploaded workbook may hold once unpacked, checked before openpyxl reads it.

An XLSX is a ZIP: 124 KB of compressed XML can hold a million cells (7.6 s and +340 MB in
openpyxl) and 1 MB of zeros can unpack to 1 GB. The ZIP's directory declares each member's
unpacked size, and `zipfile` (which openpyxl uses) never yields more than declared (a lie ends in a
CRC error), so the declared sizes bound the work; cells are then counted by streaming the sheets.
"""

import io
import re
import zipfile

from aidess.cashflow.arithmetic import PlanError

MAX_MEMBERS = 64  # an exported plan has 10
MAX_UNPACKED_BYTES = 8 * 1024 * 1024  # an exported 24-month plan of 300 lines: 0.3 MB
MAX_RATIO = 100  # unpacked / packed, for a member above 1 MB: XML packs 10 to 30 times
MAX_CELLS = 20_000  # 26 columns by 750 rows, far above a plan's lines
CELL = re.compile(rb"<(?:\w{1,8}:)?c[\s>/]")  # a cell's opening tag: at most 12 bytes
OVERLAP = 16
CHUNK = 64 * 1024

TOO_BIG = (
    "Le fichier est trop volumineux une fois décompressé : un plan de trésorerie AidESS tient "
    "en quelques centaines de lignes. Exportez un plan et partez de ce fichier."
)
TOO_MANY_CELLS = (
    f"Le classeur compte plus de {MAX_CELLS:_} cellules : un plan de trésorerie AidESS en a bien "
    "moins. Exportez un plan et partez de ce fichier."
).replace("_", " ")
UNREADABLE = "Ce classeur XLSX est illisible."


def check_unpacked_size(content):
    """PlanError unless the workbook's members, sizes and cells stay within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise PlanError({"fichier": UNREADABLE}) from None
    with archive:
        members = archive.infolist()
        too_packed = any(
            m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
            for m in members
        )
        unpacked = sum(m.file_size for m in members)
        if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or too_packed:
            raise PlanError({"fichier": TOO_BIG})
        cells = 0
        for member in members:
            if member.filename.startswith("xl/worksheets/"):
                cells += count_cells(archive, member)
                if cells > MAX_CELLS:
                    raise PlanError({"fichier": TOO_MANY_CELLS})


def count_cells(archive, member):
    """The `<c …>` elements of a sheet's XML, read by chunks; a tag starting in the last bytes
    of a chunk is counted with the next one."""
    count, data = 0, b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                data = data[-OVERLAP:] + chunk
                limit = len(data) - OVERLAP
                count += sum(1 for match in CELL.finditer(data) if match.start() < limit)
                if count > MAX_CELLS:
                    return count
            count += len(CELL.findall(data[-OVERLAP:]))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise PlanError({"fichier": UNREADABLE}) from None
    return count
