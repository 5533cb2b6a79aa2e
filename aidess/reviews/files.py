"""The review as files to publish: an XLSX (openpyxl) and a PDF (reportlab, as the letters),
both from a `report.Report` (the figures, the outcomes 6 and 12 months later, the testimonies).

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
KNOWN = (
    "Connu : une cessation d'activité (signalement résolu « Cessation d'activité », liquidation "
    "judiciaire) datée au plus tard à cette date, ou un signe d'activité daté au plus tôt à "
    "cette date (modification faite par un membre de la structure, demande d'aide déposée, "
    "signalement résolu « sauvegardée » ou « restructurée »). ETP alors : le dernier effectif "
    "déclaré entre l'aide et cette date (0 après une cessation) ; sinon inconnu."
)


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


def title(result):
    if result.plan is not None:
        return f"Bilan d'impact — {result.plan.name}"
    return f"Bilan d'impact — {result.aid.name if result.aid else ', '.join(result.aid_slugs)}"


def summary_rows(result):
    rows = [("Plan d'urgence", result.plan.name)] if result.plan is not None else []
    return rows + [
        ("Aide" if result.plan is None else "Aides du plan", ", ".join(result.aid_slugs)),
        ("Période", period(result)),
        ("Structures aidées", result.structures),
        ("dont aidées par un accompagnement du plan", result.helped_by_offer),
        ("ETP préservés", result.fte),
        ("Montant accordé (€)", result.amount_granted_eur),
        ("Montant versé (€)", result.amount_paid_eur),
        ("Parcours DLA terminés", result.pathways_completed),
    ]


OUTCOME_HEADER = [
    "Après",
    "Structures aidées depuis au moins ce délai",
    "Actives",
    "Ayant cessé",
    "Sans nouvelles",
    "ETP connus pour (structures)",
    "ETP à l'aide",
    "ETP à cette date",
]


def outcome_rows(report):
    return [
        [f"{o.months} mois", o.structures, o.active, o.ceased, o.unknown, o.fte_known,
         o.fte_at_help, o.fte_then]
        for o in report.outcomes
    ]  # fmt: skip


TESTIMONY_HEADER = ["Structure", "Témoignage", "Auteur", "Fonction", "Aide"]


def testimony_rows(report):
    return [
        [t.structure.name, t.quote, t.author_name, t.author_role, t.aid.name if t.aid else ""]
        for t in report.testimonies
    ]


def xlsx(report):
    """The review as XLSX bytes: a summary sheet, one sheet by sector and one by region, the
    outcomes 6 and 12 months later and the testimonies."""
    result = report.review
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
    for sheet_title, header, rows in (
        ("Devenir", OUTCOME_HEADER, outcome_rows(report)),
        ("Témoignages", TESTIMONY_HEADER, testimony_rows(report)),
    ):
        tab = book.create_sheet(sheet_title)
        tab.append(header)
        for row in rows:
            tab.append(row)
            for cell in tab[tab.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a quote starting with « = » stays text
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


def pdf(report):
    """The review as PDF bytes: the figures, the tables by sector and by region, the outcomes
    and the testimonies."""
    result = report.review
    output = io.BytesIO()
    document = SimpleDocTemplate(output, pagesize=A4, title="Bilan d'impact")
    regions = region_labels(result)
    header = ["Libellé", "Structures", "ETP", "Part"]
    story = [
        Paragraph(escape(title(result)), STYLES["Title"]),
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
        Spacer(0, 12),
        Paragraph("Devenir des structures aidées", STYLES["Heading2"]),
        Paragraph(escape(KNOWN), STYLES["BodyText"]),
        _table(
            outcome_rows(report),
            [
                "Après",
                "Aidées",
                "Actives",
                "Cessé",
                "Inconnu",
                "ETP connus",
                "ETP à l'aide",
                "ETP alors",
            ],
        ),
        Spacer(0, 12),
        Paragraph("Témoignages", STYLES["Heading2"]),
        *[
            Paragraph(
                escape(
                    f"« {t.quote} » — {t.author_name}"
                    f"{', ' + t.author_role if t.author_role else ''}, {t.structure.name}"
                ),
                STYLES["BodyText"],
            )
            for t in report.testimonies
        ],
    ]
    if not report.testimonies:
        story.append(Paragraph("Aucun témoignage publié.", STYLES["BodyText"]))
    document.build(story)
    return output.getvalue()
