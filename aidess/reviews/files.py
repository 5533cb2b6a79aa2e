"""The review as files to publish: an XLSX (openpyxl) and a PDF (reportlab, as the letters).

Codes (region COG codes, sectors) are written as text so that « 02 » stays « 02 »; figures as
numbers. reportlab's standard fonts know Latin-1 and « € »: amounts use a plain no-break space.
"""

import io
from xml.sax.saxutils import escape

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from aidess.core import formats
from aidess.nomenclatures.vocabulary import SECTORS
from aidess.territories.models import Region

STYLES = getSampleStyleSheet()
UNKNOWN = "Non renseigné"


def sector_label(code):
    return SECTORS.get(code, UNKNOWN)


def region_labels(result):
    codes = [group.code for group in result.by_region if group.code]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return {code: names.get(code, code) for code in codes}


def period(result):
    start = result.start.isoformat() if result.start else "…"
    end = result.end.isoformat() if result.end else "…"
    return "toute la période" if not (result.start or result.end) else f"du {start} au {end}"


def summary_rows(result):
    return [
        ("Aide", ", ".join(result.aid_slugs)),
        ("Période", period(result)),
        ("Structures aidées", result.structures),
        ("ETP préservés", result.fte),
        ("Montant accordé (€)", result.amount_granted_eur),
        ("Montant versé (€)", result.amount_paid_eur),
    ]


def xlsx(result):
    """The review as XLSX bytes: a summary sheet, then one sheet by sector and one by region."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Bilan"
    for label, value in summary_rows(result):
        sheet.append([label, value])
    regions = region_labels(result)
    for title, groups, label_of in (
        ("Par secteur", result.by_sector, sector_label),
        ("Par région", result.by_region, lambda code: regions.get(code, UNKNOWN)),
    ):
        tab = book.create_sheet(title)
        tab.append(["Code", "Libellé", "Structures", "ETP", "Part des structures"])
        for group in groups:
            tab.append([str(group.code), label_of(group.code), group.structures, group.fte])
            tab.cell(tab.max_row, 5, float(group.share)).number_format = "0.00%"
            tab.cell(tab.max_row, 1).data_type = "s"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _text(value):
    if hasattr(value, "quantize"):
        return formats.amount(value).replace(formats.THOUSANDS, "\xa0")
    return str(value)


def _table(rows, header=None):
    data = ([header] if header else []) + [[_text(cell) for cell in row] for row in rows]
    table = Table(data, hAlign="LEFT")
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f6f6f6")))
    table.setStyle(TableStyle(style))
    return table


def pdf(result):
    """The review as PDF bytes: the figures, then the tables by sector and by region."""
    output = io.BytesIO()
    document = SimpleDocTemplate(output, pagesize=A4, title="Bilan d'impact")
    regions = region_labels(result)
    header = ["Libellé", "Structures", "ETP", "Part"]
    story = [
        Paragraph(escape(f"Bilan d'impact — {', '.join(result.aid_slugs)}"), STYLES["Title"]),
        _table(summary_rows(result)),
        Spacer(0, 12),
        Paragraph("Par secteur", STYLES["Heading2"]),
        _table(
            [
                [sector_label(g.code), g.structures, g.fte, f"{g.share * 100:.2f} %"]
                for g in result.by_sector
            ],
            header,
        ),
        Spacer(0, 12),
        Paragraph("Par région", STYLES["Heading2"]),
        _table(
            [
                [regions.get(g.code, UNKNOWN), g.structures, g.fte, f"{g.share * 100:.2f} %"]
                for g in result.by_region
            ],
            header,
        ),
    ]
    document.build(story)
    return output.getvalue()
