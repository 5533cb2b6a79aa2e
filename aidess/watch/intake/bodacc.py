"""Collective procedures published in the BODACC (DILA's open data, Opendatasoft Explore v2.1,
`../shared/reference/bodacc/README.md`) for the structures the cells watch: followed by a cell
or with an open alert. One alert per announcement (source BODACC, cause « procédure
collective », `external_id` = the announcement's id); a rectification replaces what the earlier
notice said and a cancellation takes its procedure off (the cell closes the alert). Run daily
(`tasks.bodacc_daily`); every run reads every notice again and writes only what changed."""

import json
import logging
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from aidess.structures.models import Structure
from aidess.watch.enums import (
    OPEN_ALERT_STATES,
    AlertCause,
    AlertSource,
    CollectiveProcedure,
    Urgency,
)
from aidess.watch.intake.common import regional_cell_of
from aidess.watch.intake.tables import normalized
from aidess.watch.models import Alert, Follow

logger = logging.getLogger(__name__)
RECORDS_PATH = "/catalog/datasets/annonces-commerciales/records"
PAGE = 100  # the API's largest page
MAX_PAGES = 20
USER_AGENT = "AidESS (service public d'aide aux structures de l'ESS)"
URGENCY_OF = {
    CollectiveProcedure.SAFEGUARD: Urgency.MEDIUM,
    CollectiveProcedure.RECEIVERSHIP: Urgency.HIGH,
    CollectiveProcedure.LIQUIDATION: Urgency.IMMEDIATE,
    CollectiveProcedure.NONE: Urgency.LOW,
}


class BodaccUnavailable(Exception):
    pass


@dataclass
class Notice:
    """What the watch reads of one record (missing fields allowed, unknown ones ignored)."""

    id: str
    kind: str  # "initial", "rectification", "cancellation"
    published_on: str
    issue: str
    number: str
    court: str
    nature: str
    judgment_date: str
    complement: str
    url: str
    previous: str = ""  # the announcement number a rectification or cancellation points to

    @property
    def procedure(self):
        return procedure_of(self.nature)

    @property
    def outcome(self):
        text = normalized(self.nature)
        if "cloture" in text:
            return "Clôture de la procédure"
        if "plan" in text and ("arret" in text or "adopt" in text):
            return "Plan adopté"
        return ""


@dataclass
class SyncReport:
    sirens: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list = field(default_factory=list)


def procedure_of(nature):
    """safeguard / receivership / liquidation from the judgment's nature. A closure for lack of
    assets ends a liquidation (the structure stays closed); another closure ends the procedure
    (none); anything else is unknown ("")."""
    text = normalized(nature)
    if "liquidation" in text or "insuffisance d actif" in text:
        return CollectiveProcedure.LIQUIDATION
    if "cloture" in text:
        return CollectiveProcedure.NONE
    if "redressement" in text:
        return CollectiveProcedure.RECEIVERSHIP
    if "sauvegarde" in text:
        return CollectiveProcedure.SAFEGUARD
    return ""


def judgment_of(record):
    """`jugement` is a JSON object serialised as a string in most records, an object in some."""
    value = record.get("jugement")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def kind_of(record):
    text = normalized(record.get("typeavis_lib") or record.get("typeavis"))
    if "rectif" in text:
        return "rectification"
    if "annul" in text:
        return "cancellation"
    return "initial"


def previous_of(record):
    """The announcement a rectification or cancellation points to, when the record says it."""
    value = record.get("parutionavisprecedent")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = {}
    if not isinstance(value, dict):
        return ""
    return str(value.get("numeroAnnonce") or value.get("numeroannonce") or "")


def notice_of(record):
    judgment = judgment_of(record)
    return Notice(
        id=str(record.get("id") or ""),
        kind=kind_of(record),
        published_on=str(record.get("dateparution") or ""),
        issue=str(record.get("parution") or ""),
        number=str(record.get("numeroannonce") or ""),
        court=str(record.get("tribunal") or ""),
        nature=str(judgment.get("nature") or ""),
        judgment_date=str(judgment.get("date") or ""),
        complement=str(judgment.get("complementJugement") or ""),
        url=str(record.get("url_complete") or ""),
        previous=previous_of(record),
    )


def fetch_records(siren, *, base_url=None, timeout=None):
    """Every collective-procedure record of `siren`, oldest first (limit/offset pages)."""
    base_url = (base_url or settings.BODACC_API_URL).rstrip("/")
    timeout = timeout if timeout is not None else settings.BODACC_TIMEOUT
    params = {
        "where": f'familleavis="collective" AND registre="{siren}"',
        "order_by": "dateparution",
        "limit": PAGE,
    }
    records = []
    for page in range(MAX_PAGES):
        try:
            response = httpx.get(
                f"{base_url}{RECORDS_PATH}",
                params={**params, "offset": page * PAGE},
                headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
                timeout=timeout,
            )
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise BodaccUnavailable(f"BODACC injoignable pour le SIREN {siren} : {error}") from None
        results = body.get("results") or []
        records += [r for r in results if isinstance(r, dict)]
        if len(results) < PAGE or len(records) >= (body.get("total_count") or 0):
            break
    return records


def effective_notices(records):
    """The initial notices, each as its latest rectification says (the rectification's content
    under the initial id), and whether a cancellation took it off."""
    notices = sorted(
        (notice_of(r) for r in records if (r.get("familleavis") or "collective") == "collective"),
        key=lambda n: (n.published_on, n.id),
    )
    current, cancelled = {}, set()
    for notice in notices:
        if not notice.id:
            continue
        if notice.kind == "initial":
            current[notice.id] = notice
            continue
        target = next(
            (i for i, n in current.items() if notice.previous and n.number == notice.previous),
            next(reversed(current), None) if current else None,
        )
        if target is None:
            continue
        if notice.kind == "cancellation":
            cancelled.add(target)
        else:
            corrected = notice
            corrected.previous = current[target].id
            current[target] = corrected
    return current, cancelled


def description_of(notice, cancelled):
    parts = [notice.nature or "Procédure collective publiée au BODACC"]
    if notice.outcome:
        parts.append(notice.outcome)
    if notice.court:
        parts.append(notice.court)
    if notice.judgment_date:
        parts.append(f"jugement du {notice.judgment_date}")
    text = " — ".join(parts) + "."
    text += f" Publié au BODACC le {notice.published_on}"
    if notice.issue or notice.number:
        text += f" (parution {notice.issue}, annonce n° {notice.number})"
    text += "."
    if notice.kind == "rectification":
        text += f" Avis rectificatif (annonce {notice.id}) remplaçant l'avis initial."
    if cancelled:
        text += " Annonce annulée par un avis d'annulation : la procédure n'est plus retenue."
    if notice.complement:
        text += f"\n{notice.complement[:3000]}"
    return text


def watched_structures():
    """Structures with a SIRET that a cell follows or that have an open alert."""
    followed = Follow.objects.filter(ended_at__isnull=True).values("structure_id")
    alerted = Alert.objects.filter(status__in=OPEN_ALERT_STATES).values("structure_id")
    return Structure.objects.filter(siret__isnull=False).filter(
        Q(pk__in=followed) | Q(pk__in=alerted)
    )


def cell_for(structure):
    """The regional cell of its region, else a cell that follows it or owns an open alert."""
    cell = regional_cell_of(structure)
    if cell is not None:
        return cell
    follow = structure.follows.filter(ended_at__isnull=True).select_related("cell").first()
    if follow is not None:
        return follow.cell
    alert = structure.alerts.filter(status__in=OPEN_ALERT_STATES).select_related("cell").first()
    return alert.cell if alert else None


def apply_notices(structure, records, report):
    notices, cancelled = effective_notices(records)
    cell = None
    for notice_id, notice in notices.items():
        procedure = CollectiveProcedure.NONE if notice_id in cancelled else notice.procedure
        values = {
            "cause": AlertCause.COLLECTIVE_PROCEDURE,
            "collective_procedure": procedure,
            "description": description_of(notice, notice_id in cancelled),
            "source_detail": (notice.url or f"BODACC, annonce {notice_id}")[:300],
        }
        alert = Alert.objects.filter(
            structure=structure, source=AlertSource.BODACC, external_id=notice_id
        ).first()
        if alert is None:
            if notice_id in cancelled:
                continue  # cancelled before the watch saw it: nothing to tell the cell
            cell = cell or cell_for(structure)
            if cell is None:
                continue
            Alert.objects.create(
                structure=structure,
                cell=cell,
                source=AlertSource.BODACC,
                external_id=notice_id,
                urgency=URGENCY_OF.get(procedure, Urgency.HIGH),
                **values,
            )
            report.created += 1
        elif any(getattr(alert, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(alert, name, value)
            alert.save()
            report.updated += 1
        else:
            report.unchanged += 1


def sync(today=None, *, base_url=None, timeout=None):
    """Read the BODACC for every watched structure; a SIREN the API fails on is reported and
    the others go on. `today` is unused: the job is the same whatever the day."""
    report = SyncReport()
    by_siren = {}  # establishments of one SIREN share its announcements: the first one gets them
    for structure in watched_structures().order_by("pk").iterator():
        by_siren.setdefault(structure.siren, structure)
    for structure in by_siren.values():
        report.sirens += 1
        try:
            records = fetch_records(structure.siren, base_url=base_url, timeout=timeout)
        except BodaccUnavailable as failure:
            logger.warning("%s", failure)
            report.failures.append(structure.siren)
            continue
        with transaction.atomic():
            apply_notices(structure, records, report)
    return report
