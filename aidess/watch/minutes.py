"""A cell meeting's minutes, as PDF (reportlab, as the application letters) to file and as
DOCX (python-docx) for the secretariat to edit: the meeting, who attended, then per agenda item
the structure, why it was on the agenda, the alert's facts and the decision recorded."""

import io

from django.utils.formats import date_format
from docx import Document

from aidess.applications.letters import build, euros, facts, paragraph


def title_of(meeting):
    return f"Compte rendu — {meeting.title}"


def meeting_facts(meeting, items):
    return [
        ("Cellule", meeting.cell.name),
        ("Date", date_format(meeting.held_on, "j F Y")),
        ("Participants", meeting.attendees or "—"),
        ("Points à l'ordre du jour", str(len(items))),
    ]


def item_facts(item):
    alert = item.alert
    return [
        ("À l'ordre du jour car", item.get_why_display()),
        ("SIRET", alert.structure.siret or "—"),
        ("Cause", alert.get_cause_display()),
        ("Urgence", alert.get_urgency_display()),
        ("Montant en jeu", euros(alert.amount_at_stake_eur)),
        ("Emplois menacés", f"{alert.jobs_at_risk_fte} ETP" if alert.jobs_at_risk_fte else "—"),
        ("État du signalement", alert.get_status_display()),
        ("Décision", item.decision or "Aucune décision enregistrée."),
    ]


def agenda(meeting):
    return list(meeting.items.select_related("alert__structure").order_by("position", "pk"))


def minutes_pdf(meeting):
    items = agenda(meeting)
    story = [facts(meeting_facts(meeting, items))]
    for number, item in enumerate(items, start=1):
        story.append(paragraph(f"{number}. {item.alert.structure.name}", "Heading2"))
        story.append(facts(item_facts(item)))
    if not items:
        story.append(paragraph("Aucun point à l'ordre du jour."))
    return build(title_of(meeting), story)


def minutes_docx(meeting):
    items = agenda(meeting)
    document = Document()
    document.core_properties.title = title_of(meeting)
    document.core_properties.author = "AidESS"
    document.add_heading(title_of(meeting), level=0)
    add_table(document, meeting_facts(meeting, items))
    for number, item in enumerate(items, start=1):
        document.add_heading(f"{number}. {item.alert.structure.name}", level=2)
        add_table(document, item_facts(item))
    if not items:
        document.add_paragraph("Aucun point à l'ordre du jour.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_table(document, rows):
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
