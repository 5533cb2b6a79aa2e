"""One printable A4 page for a funder: the table, the closing-balance chart and the need."""

import io
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from aidess.cashflow.arithmetic import compute


def euros(value):
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,.2f}".replace(",", " ").replace(".", ",") + " €"


def chart(result):
    drawing = Drawing(22 * cm, 5.5 * cm)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 1.8 * cm, 0.8 * cm, 19 * cm, 4.2 * cm
    bars.data = [[float(month.closing_balance) for month in result.months]]
    bars.categoryAxis.categoryNames = [month.label for month in result.months]
    bars.bars[0].fillColor = colors.HexColor("#000091")
    bars.valueAxis.labelTextFormat = lambda value: f"{value:,.0f}".replace(",", " ")
    drawing.add(bars)
    return drawing


def export_pdf(plan, structure_name, title):
    result = compute(plan)
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=1.2 * cm, rightMargin=1.2 * cm,
        topMargin=1 * cm, bottomMargin=1 * cm, title=f"{title} — {structure_name}",
    )  # fmt: skip
    header = ["", *[month.label for month in result.months]]
    rows = [header]
    for line in plan.receipts:
        rows.append([f"+ {line.label}", *map(euros, line.amounts)])
    for line in plan.expenses:
        rows.append([f"- {line.label}", *map(euros, line.amounts)])
    rows += [
        ["Total des encaissements", *[euros(m.receipts) for m in result.months]],
        ["Total des décaissements", *[euros(m.expenses) for m in result.months]],
        ["Flux net", *[euros(m.net) for m in result.months]],
        ["Solde de fin de mois", *[euros(m.closing_balance) for m in result.months]],
    ]
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, -4), (-1, -1), "Helvetica-Bold"),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEABOVE", (0, -4), (-1, -4), 0.5, colors.black),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    need = (
        f"Besoin de financement immédiat : {euros(result.financing_need)} "
        f"(solde le plus bas : {euros(result.lowest_balance)} en {result.lowest_month})."
    )
    story = [
        Paragraph(escape(f"{title} — {structure_name}"), styles["Title"]),  # not markup
        Paragraph(
            f"Solde de trésorerie en début de période : {euros(plan.opening_balance)}",
            styles["Normal"],
        ),
        Spacer(1, 0.2 * cm),
        table,
        Spacer(1, 0.3 * cm),
        Paragraph("Solde de trésorerie en fin de mois", styles["Heading4"]),
        chart(result),
        Paragraph(need, styles["Heading3"]),
    ]
    document.build(story)
    return buffer.getvalue()
