"""The letters of an application, as PDF (reportlab): the receipt once submitted (« Accusé de
réception ») and the decision letter once decided. Pages and the instructors' inbox call
`receipt(application)` and `decision_letter(application)`; both return the PDF's bytes.

reportlab's standard fonts know Latin-1 and « € », not the narrow no-break space French amounts
use: `euros` writes a plain no-break space instead.
"""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from aidess.applications.enums import DECIDED_STATUSES, ApplicationStatus
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.core import formats

STYLES = getSampleStyleSheet()


class NotYet(Exception):
    """The letter does not exist yet (not submitted, not decided)."""


def euros(amount):
    return formats.euros(amount).replace(formats.THOUSANDS, "\xa0") if amount is not None else "—"


def day(value):
    return date_format(timezone.localtime(value), "j F Y") if value else "—"


def paragraph(text, style="Normal"):
    return Paragraph(escape(text), STYLES[style])


def providers_of(application):
    return ", ".join(p.name for p in application.aid.providers.all()) or "Le porteur de l'aide"


def facts(rows):
    table = Table(
        [[paragraph(label), paragraph(value)] for label, value in rows],
        colWidths=[5.5 * cm, 11 * cm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f6f6f6")),
            ]
        )
    )
    return table


def build(title, story):
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=title,
        author="AidESS",
    )
    document.build([paragraph(title, "Title"), *story])
    return buffer.getvalue()


def heading(application):
    return [
        paragraph(providers_of(application), "Heading4"),
        paragraph(f"À l'attention de : {application.structure.name}"),
        Spacer(1, 0.4 * cm),
    ]


def receipt(application):
    """« Accusé de réception »: reference, aid, provider, structure, date, amount, documents."""
    if not application.submitted_at:
        raise NotYet("Cette demande n'est pas encore déposée.")
    documents = list(application.documents.all())
    story = heading(application) + [
        facts(
            [
                ("Numéro de la demande", application.reference or "—"),
                ("Aide demandée", application.aid.name),
                ("Porteur de l'aide", providers_of(application)),
                ("Structure", application.structure.name),
                ("SIRET", application.structure.siret or "Non renseigné"),
                ("Projet", application.project_title),
                ("Déposée le", day(application.submitted_at)),
                ("Déposée par", str(application.submitted_by or "—")),
                ("Montant demandé", euros(application.amount_requested_eur)),
                ("Budget total du projet", euros(application.project_budget_eur)),
            ]
        ),
        Spacer(1, 0.5 * cm),
        paragraph(f"Pièces jointes au dossier ({len(documents)})", "Heading4"),
    ]
    story += [
        paragraph(f"• {document.kind_label} : {document.original_name}") for document in documents
    ] or [paragraph("Aucune pièce.")]
    if application.cashflow_plan_id:
        story.append(paragraph("• Plan de trésorerie joint à la demande."))
    if application.diagnosis_id:
        story.append(paragraph("• Autodiagnostic joint à la demande."))
    story += [
        Spacer(1, 0.5 * cm),
        paragraph(
            "Votre demande a bien été reçue. Cet accusé de réception ne vaut pas décision : "
            "le porteur de l'aide l'instruit et vous informe de chaque étape dans AidESS."
        ),
    ]
    return build("Accusé de réception", story)


def decision_reason(application):
    """The reason the instructor gave when the application reached its decided state."""
    last = APPLICATION_LIFECYCLE.last_into([application], application.status).get(application.pk)
    return last.comment if last else ""


def decision_letter(application):
    """The decision: amount granted and conditions when accepted, the reason otherwise."""
    if application.status not in DECIDED_STATUSES:
        raise NotYet("Cette demande n'est pas encore décidée.")
    decided_on = application.decided_at or timezone.now()
    rows = [
        ("Numéro de la demande", application.reference or "—"),
        ("Aide", application.aid.name),
        ("Structure", application.structure.name),
        ("Projet", application.project_title),
        ("Déposée le", day(application.submitted_at)),
        ("Montant demandé", euros(application.amount_requested_eur)),
        ("Décision du", day(decided_on)),
    ]
    story = heading(application)
    if application.status == ApplicationStatus.ACCEPTED:
        rows.append(("Décision", "Demande acceptée"))
        rows.append(("Montant accordé", euros(application.amount_granted_eur)))
        body = [
            paragraph(
                f"Nous avons le plaisir de vous informer que votre demande est acceptée pour un "
                f"montant de {euros(application.amount_granted_eur)}."
            )
        ]
        if application.decision_conditions:
            body += [
                paragraph("Conditions", "Heading4"),
                paragraph(application.decision_conditions),
            ]
    else:
        label = ApplicationStatus(application.status).label
        rows.append(("Décision", label))
        reason = decision_reason(application) or "Aucun motif n'a été indiqué."
        intro = (
            "Nous avons le regret de vous informer que votre demande n'est pas retenue."
            if application.status == ApplicationStatus.REFUSED
            else "Votre demande est classée sans suite."
        )
        body = [paragraph(intro), paragraph("Motif", "Heading4"), paragraph(reason)]
    story += [facts(rows), Spacer(1, 0.5 * cm), *body, Spacer(1, 0.5 * cm)]
    story.append(paragraph(f"Pour {providers_of(application)}, le {day(decided_on)}."))
    return build("Notification de décision", story)
