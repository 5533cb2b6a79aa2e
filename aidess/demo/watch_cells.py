"""The watch cells' demo (issue 15): the Hauts-de-France cell the seed names beside the
Nouvelle-Aquitaine and national ones, alerts in every state and cause on structures of both
regions (a few confidential, some escalated and answered by the national cell), follows, a
URSSAF file of social debts, a closed meeting with its decisions and one to come; so that both
demo watch agents find lists, dashboards, maps and meetings with something in them.

Idempotent: nothing is added when the demo's alerts exist. Memberships of the cells last six
months from the load (as the issue asks), renewed by loading again."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from aidess.accounts.models import User
from aidess.demo.accounts import demo_user
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import (
    Organization,
    OrganizationMembership,
    watch_membership_end,
)
from aidess.orientation.enums import Relaunch
from aidess.orientation.models import HelpRequest
from aidess.structures.models import Structure
from aidess.watch.enums import (
    AlertCause,
    AlertSource,
    EscalationReason,
    IndicatorKind,
    NationalResource,
    Resolution,
    Urgency,
)
from aidess.watch.escalation import alert_from_unanswered_request
from aidess.watch.knowledge import refresh_risk
from aidess.watch.lifecycle import ALERT_LIFECYCLE
from aidess.watch.meetings import close_minutes, generate_agenda, record_decision
from aidess.watch.models import Alert, Follow, ImportBatch, Indicator, Meeting

REGIONAL_EMAIL = "veille.regionale@demo.aidess.fr"
NATIONAL_EMAIL = "veille.nationale@demo.aidess.fr"
HAUTS_DE_FRANCE_EMAIL = "veille.hauts-de-france@demo.aidess.fr"
HAUTS_DE_FRANCE_CELL = "Cellule régionale de veille Hauts-de-France"
SOURCE = "Démonstration AidESS"
# (path through the lifecycle, share): most alerts are still open.
PATHS = [
    ([], 0.25),
    (["qualify"], 0.2),
    (["qualify", "orient"], 0.2),
    (["qualify", "escalate"], 0.1),
    (["qualify", "escalate", "answer"], 0.05),
    (["qualify", "resolve"], 0.2),
]
COMMENTS = {
    "orient": "Orientée vers le DLA du département pour un accompagnement.",
    "resolve": "Subvention relais accordée par la Région ; situation stabilisée.",
    "escalate": "Baisse d'un financement national : au-delà des moyens régionaux.",
    "answer": "Prêt relais solidaire mobilisé avec France Active.",
}


def renew_cell_memberships(today):
    expires_on = watch_membership_end(today)
    OrganizationMembership.objects.filter(
        organization__kind=OrganizationKind.WATCH_CELL, user__email__endswith="@demo.aidess.fr"
    ).update(expires_on=expires_on)


def create_demo_watch(seed=2026, today=None):
    """Returns the number of alerts written (0 when the demo's alerts exist)."""
    today = today or timezone.localdate()
    renew_cell_memberships(today)
    if Alert.objects.filter(source_detail=SOURCE).exists():
        return 0
    rng = random.Random(seed)
    regional = Organization.objects.get(name="Cellule régionale de veille Nouvelle-Aquitaine")
    national = Organization.objects.get(name="Cellule nationale de veille de l'ESS")
    hauts, _ = Organization.objects.get_or_create(
        name=HAUTS_DE_FRANCE_CELL,
        defaults={"kind": OrganizationKind.WATCH_CELL, "scope_level": ScopeLevel.REGIONAL},
    )
    hauts.regions.set(["32"])
    agents = {
        regional.pk: User.objects.get(email=REGIONAL_EMAIL),
        national.pk: User.objects.get(email=NATIONAL_EMAIL),
    }
    hauts_agent = demo_user(HAUTS_DE_FRANCE_EMAIL, first_name="Agent", last_name="Hauts-de-France")
    OrganizationMembership.objects.get_or_create(user=hauts_agent, organization=hauts)
    agents[hauts.pk] = hauts_agent
    renew_cell_memberships(today)

    written = []
    for cell, region, count in ((regional, "75", 40), (hauts, "32", 24)):
        structures = list(
            Structure.objects.filter(region_id=region).order_by("-is_demo", "pk")[: count * 2]
        )
        for index, structure in enumerate(rng.sample(structures, min(count, len(structures)))):
            written.append(alert_for(cell, structure, agents, national, rng, index, today))
    follow_some(regional, agents[regional.pk], written, today)
    partner_file(regional, agents[regional.pk], written, today)
    escalated = HelpRequest.objects.filter(relaunch=Relaunch.WATCH_CELL)
    written += [alert_from_unanswered_request(request) for request in escalated]
    for structure in {alert.structure for alert in written if alert}:
        refresh_risk(structure)
    meetings(regional, agents[regional.pk], today)
    return len([alert for alert in written if alert])


def alert_for(cell, structure, agents, national, rng, index, today):
    path = rng.choices([p for p, _ in PATHS], weights=[w for _, w in PATHS])[0]
    cause = rng.choice(AlertCause.values)
    alert = Alert.objects.create(
        structure=structure,
        cell=cell,
        cause=cause,
        collective_procedure="receivership" if cause == AlertCause.COLLECTIVE_PROCEDURE else "",
        amount_at_stake_eur=Decimal(rng.randrange(5, 120) * 1000),
        jobs_at_risk_fte=Decimal(rng.randrange(0, 60)) / 4,
        cash_runs_out_on=today + datetime.timedelta(days=rng.randrange(10, 150))
        if rng.random() < 0.6
        else None,
        urgency=rng.choice(Urgency.values),
        source=rng.choice([AlertSource.CELL, AlertSource.SPREADSHEET, AlertSource.STRUCTURE]),
        source_detail=SOURCE,
        description="Signalement de démonstration : "
        + AlertCause(cause).label.lower()
        + f" ({structure.name}).",
        is_confidential=index % 9 == 4,
        created_by=agents[cell.pk],
    )
    created = timezone.now() - datetime.timedelta(days=rng.randrange(1, 330))
    Alert.objects.filter(pk=alert.pk).update(created_at=created)
    for step in path:
        actor = agents[national.pk] if step == "answer" else agents[cell.pk]
        fields = {}
        if step == "resolve":
            fields["resolution"] = rng.choice(Resolution.values)
        if step == "escalate":
            fields["escalation_reason"] = rng.choice(EscalationReason.values)
        if step == "answer":
            fields["national_resources"] = [NationalResource.PRET_RELAIS]
        for name, value in fields.items():
            setattr(alert, name, value)
        if fields:
            alert.save(update_fields=list(fields))
        ALERT_LIFECYCLE.apply(alert, step, actor, COMMENTS.get(step, ""))
    return alert


def follow_some(cell, agent, alerts, today):
    for alert in alerts[:8]:
        if alert.cell_id == cell.pk:
            Follow.objects.get_or_create(
                cell=cell,
                structure=alert.structure,
                ended_at=None,
                defaults={
                    "reason": "Suivie depuis le signalement : financement public fragile.",
                    "started_by": agent,
                },
            )


def partner_file(cell, agent, alerts, today):
    """A URSSAF file of social debts (months) for some of the alerted structures."""
    batch = ImportBatch.objects.create(
        cell=cell,
        kind=ImportBatch.Kind.INDICATORS,
        partner="URSSAF Nouvelle-Aquitaine (démonstration)",
        file_name="urssaf-dettes-sociales-demo.csv",
        file_sha256="0" * 64,
        uploaded_by=agent,
    )
    rows = [alert for alert in alerts if alert.cell_id == cell.pk][:10]
    Indicator.objects.bulk_create(
        Indicator(
            structure=alert.structure,
            kind=IndicatorKind.SOCIAL_DEBT_MONTHS,
            value=Decimal(number % 5),
            observed_on=today.replace(day=1),
            batch=batch,
            row_number=number + 2,
        )
        for number, alert in enumerate(rows)
    )
    batch.rows_created = len(rows)
    batch.save(update_fields=["rows_created"])


def meetings(cell, agent, today):
    last_month = Meeting.objects.create(
        cell=cell,
        held_on=today - datetime.timedelta(days=30),
        title="Réunion mensuelle de la cellule",
        attendees="SGAR, Région, DREETS, CRESS, DLA régional, France Active, URSSAF",
        created_by=agent,
    )
    for item in generate_agenda(last_month)[:5]:
        record_decision(item, "Orientation vers le DLA et point d'étape à la prochaine réunion.")
    close_minutes(last_month)
    generate_agenda(
        Meeting.objects.create(
            cell=cell,
            held_on=today + datetime.timedelta(days=7),
            title="Réunion mensuelle de la cellule",
            attendees="SGAR, Région, DREETS, CRESS, DLA régional, France Active, URSSAF",
            created_by=agent,
        )
    )
