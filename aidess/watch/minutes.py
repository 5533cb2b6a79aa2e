"""A cell meeting's minutes as PDF (reportlab, as the application letters): the meeting, who
attended, then per agenda item the structure, why it was on the agenda, the alert's facts and the
decision recorded."""

from django.utils.formats import date_format

from aidess.applications.letters import build, euros, facts, paragraph


def minutes_pdf(meeting):
    items = meeting.items.select_related("alert__structure").order_by("position", "pk")
    story = [
        facts(
            [
                ("Cellule", meeting.cell.name),
                ("Date", date_format(meeting.held_on, "j F Y")),
                ("Participants", meeting.attendees or "—"),
                ("Points à l'ordre du jour", str(len(items))),
            ]
        )
    ]
    for number, item in enumerate(items, start=1):
        alert = item.alert
        story.append(paragraph(f"{number}. {alert.structure.name}", "Heading2"))
        story.append(
            facts(
                [
                    ("À l'ordre du jour car", item.get_why_display()),
                    ("SIRET", alert.structure.siret or "—"),
                    ("Cause", alert.get_cause_display()),
                    ("Urgence", alert.get_urgency_display()),
                    ("Montant en jeu", euros(alert.amount_at_stake_eur)),
                    (
                        "Emplois menacés",
                        f"{alert.jobs_at_risk_fte} ETP" if alert.jobs_at_risk_fte else "—",
                    ),
                    ("État du signalement", alert.get_status_display()),
                    ("Décision", item.decision or "Aucune décision enregistrée."),
                ]
            )
        )
    if not items:
        story.append(paragraph("Aucun point à l'ordre du jour."))
    title = f"Compte rendu — {meeting.title}"
    return build(title, story)
