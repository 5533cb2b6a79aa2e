"""A partner's file read as rows of text: CSV (`;` or `,`, UTF-8 or Windows-1252) or XLSX
(measured before openpyxl unpacks it, as `cashflow/xlsx_limits.py` explains), the header row
matched to known columns by their French names. Every refusal is a `TableError` in French."""

import csv
import datetime
import io
import re
import unicodedata
import zipfile

from openpyxl import load_workbook

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_MEMBERS = 64
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_RATIO = 100
MAX_CELLS = 5000 * 16
CELL = re.compile(rb"<(?:\w{1,8}:)?c[\s>/]")
OVERLAP, CHUNK = 16, 64 * 1024

TOO_LARGE = "Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers."
TOO_BIG_UNPACKED = "Le classeur est trop volumineux une fois décompressé."
TOO_MANY_ROWS = f"Le fichier compte plus de {MAX_ROWS} lignes : découpez-le en plusieurs fichiers."
UNREADABLE_XLSX = "Ce classeur XLSX est illisible."
NOT_A_TABLE = "Fichier attendu au format CSV (séparateur « ; » ou « , ») ou XLSX."


class TableError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalized(text):
    """« Date d'épuisement de la trésorerie » → "date d epuisement de la tresorerie"."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def read_table(name, content, columns, required):
    """(rows, ignored headers): rows are (file row number, {column key: text}) for non-empty
    rows; `columns` maps a key to its accepted header names, `required` keys must be there."""
    if len(content) > MAX_BYTES:
        raise TableError(TOO_LARGE)
    if content.startswith(b"PK\x03\x04"):
        grid = xlsx_rows(content)
    elif name.lower().endswith((".xlsx", ".xls", ".ods")):
        raise TableError(NOT_A_TABLE)
    else:
        grid = csv_rows(content)
    if not grid:
        raise TableError("Le fichier est vide : la première ligne doit nommer les colonnes.")
    keys, ignored = header_keys(grid[0], columns)
    missing = [columns[key][0] for key in required if key not in keys.values()]
    if missing:
        raise TableError(
            "Colonne(s) manquante(s) : "
            + ", ".join(f"« {label} »" for label in missing)
            + ". Téléchargez le modèle pour voir les colonnes attendues."
        )
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        values = {key: text_of(cells[i]) for i, key in keys.items() if i < len(cells)}
        if any(values.values()):
            rows.append((number, values))
    if len(rows) > MAX_ROWS:
        raise TableError(TOO_MANY_ROWS)
    return rows, ignored


def header_keys(header, columns):
    """{position: key} of the recognised headers, and the headers not recognised."""
    names = {normalized(name): key for key, labels in columns.items() for name in (key, *labels)}
    keys, ignored = {}, []
    for position, cell in enumerate(header):
        key = names.get(normalized(cell))
        if key and key not in keys.values():
            keys[position] = key
        elif text_of(cell):
            ignored.append(text_of(cell))
    return keys, ignored


def text_of(value):
    """A cell as text; XLSX numbers and dates written as a person would type them."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def decoded(content):
    """UTF-8 (with or without its mark), else Windows-1252, which decodes any byte but five."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError:
            raise TableError(
                "Encodage du fichier non reconnu : enregistrez-le en CSV UTF-8."
            ) from None


def csv_rows(content):
    text = decoded(content)
    if "\x00" in text:
        raise TableError(NOT_A_TABLE)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise TableError(
            "Ce fichier CSV est mal formé (une cellule trop longue ou un guillemet non fermé)."
        ) from None


def xlsx_rows(content):
    check_workbook(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise TableError(UNREADABLE_XLSX) from None


def check_workbook(content):
    """TableError unless the workbook's members, unpacked sizes and cells stay within limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise TableError(UNREADABLE_XLSX) from None
    with archive:
        members = archive.infolist()
        too_packed = any(
            m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
            for m in members
        )
        if (
            len(members) > MAX_MEMBERS
            or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES
            or too_packed
        ):
            raise TableError(TOO_BIG_UNPACKED)
        cells = sum(
            count_cells(archive, m) for m in members if m.filename.startswith("xl/worksheets/")
        )
        if cells > MAX_CELLS:
            raise TableError(TOO_MANY_ROWS)


def count_cells(archive, member):
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
        raise TableError(UNREADABLE_XLSX) from None
    return count
