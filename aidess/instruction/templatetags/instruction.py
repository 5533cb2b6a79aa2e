"""`{% load instruction %}`: an application's state as a DSFR badge, and the inbox's rows.

The rows are written in Python: 50 rows of nine cells through the template engine were half of
the inbox's server time (bench/applications.py measures the page)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from aidess.applications.enums import ApplicationStatus as S
from aidess.core.formats import euros
from aidess.core.widgets import text

register = template.Library()

BADGES = {
    S.DRAFT: "",
    S.SUBMITTED: "fr-badge--new",
    S.INSTRUCTION: "fr-badge--info",
    S.CORRECTION: "fr-badge--warning",
    S.ACCEPTED: "fr-badge--success",
    S.REFUSED: "fr-badge--error",
    S.CLOSED: "",
    S.WITHDRAWN: "",
}


@register.simple_tag
def status_badge(status, small=True):
    size = " fr-badge--sm" if small else ""
    return format_html(
        '<p class="fr-badge fr-badge--no-icon{} {}">{}</p>',
        size,
        BADGES.get(status, ""),
        S(status).label,
    )


FOLLOWED = (
    ' <span class="fr-icon-star-fill fr-icon--sm" aria-hidden="true"></span>'
    '<span class="fr-sr-only">(suivie)</span>'
)
NOBODY = '<span class="fr-text--xs">Personne</span>'


@register.simple_tag
def inbox_rows(applications, followed):
    """The inbox table's rows; `followed`: the pks of the rows the person follows."""
    url = reverse("instruction:application", args=[0])[: -len("0/")]
    return mark_safe("".join(row(application, url, followed) for application in applications))  # noqa: S308 - escaped in row()


def row(application, url, followed):
    pk, reference = application.pk, text(application.reference)
    labels = " ".join(
        f'<p class="fr-tag fr-tag--sm">{text(label.name)}</p>' for label in application.labels.all()
    )
    return (
        f'<tr data-row-key="{pk}"><td class="fr-cell--fixed"><div class="fr-checkbox-group '
        f'fr-checkbox-group--sm"><input type="checkbox" name="ids" value="{pk}" id="select-{pk}">'
        f'<label class="fr-label" for="select-{pk}"><span class="fr-sr-only">Sélectionner la '
        f'demande {reference}</span></label></div></td><td class="aidess-nowrap">'
        f'<a href="{url}{pk}/">{reference}</a>{FOLLOWED if pk in followed else ""}</td>'
        f"<td>{text(application.structure.name)}{department_of(application.structure)}</td>"
        f"<td>{text(application.aid.name)}</td>"
        f'<td class="aidess-num">{text(euros(application.amount_requested_eur) or "—")}</td>'
        f'<td class="aidess-nowrap">{submitted_on(application)}</td>'
        f"<td>{status_badge(application.status)}</td><td>{assigned_to(application)}</td>"
        f"<td>{labels}</td></tr>"
    )


def department_of(structure):
    department = structure.department
    if department is None:
        return ""
    return f'<br><span class="fr-text--xs">{text(department.name)} ({text(department.code)})</span>'


def submitted_on(application):
    if application.submitted_at is None:
        return ""
    return timezone.localtime(application.submitted_at).strftime("%d/%m/%Y")


def assigned_to(application):
    person = application.assigned_to
    if person is None:
        return NOBODY
    return text(person.get_full_name() or person.email)
