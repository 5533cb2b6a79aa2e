"""Cell meetings: the agenda comes from the cell's open alerts (new since the last meeting,
worsening, without answer), each alert once under its most pressing reason; decisions are
recorded until the minutes are closed; the minutes are a PDF with every decision."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization, OrganizationMembership
from aidess.orientation.enums import RequestStatus
from aidess.orientation.models import HelpRequest
from aidess.watch.enums import AlertCause, AlertSource, AlertStatus, RiskLevel, Urgency
from aidess.watch.meetings import (
    MeetingClosed,
    agenda_reasons,
    close_minutes,
    generate_agenda,
    record_decision,
)
from aidess.watch.minutes import minutes_docx, minutes_pdf
from aidess.watch.models import AgendaItem, Alert, Meeting
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def cell(name="Cellule Nouvelle-Aquitaine", level=ScopeLevel.REGIONAL):
    return Organization.objects.create(
        name=name, kind=OrganizationKind.WATCH_CELL, scope_level=level
    )


def alert(owner, name, days_ago=0, **fields):
    created = timezone.now() - datetime.timedelta(days=days_ago)
    found = Alert.objects.create(
        structure=StructureFactory(name=name),
        cell=owner,
        cause=fields.pop("cause", AlertCause.STATE_FUNDING_CUT),
        source=AlertSource.CELL,
        **fields,
    )
    Alert.objects.filter(pk=found.pk).update(created_at=created, updated_at=created)
    found.refresh_from_db()
    return found


def why_of(meeting):
    return {alert.structure.name: str(why) for alert, why in agenda_reasons(meeting)}


def test_agenda_has_new_worsening_and_unanswered_alerts_once_each():
    owner = cell()
    alert(owner, "Nouvelle", days_ago=3)
    alert(owner, "Ancienne et calme", days_ago=60, status=AlertStatus.QUALIFIED)
    alert(owner, "Rouge", days_ago=60, status=AlertStatus.QUALIFIED)
    Alert.objects.filter(structure__name="Rouge").update(level=RiskLevel.RED)
    alert(owner, "Nouvelle et urgente", days_ago=1, urgency=Urgency.IMMEDIATE)
    alert(owner, "Trésorerie", days_ago=60, cash_runs_out_on=TODAY + datetime.timedelta(days=10))
    unanswered = alert(owner, "Sans réponse", days_ago=40, status=AlertStatus.IN_HANDLING)
    request = HelpRequest.objects.create(
        structure=unanswered.structure,
        situation="Orientée",
        contact_email="cellule@example.fr",
        status=RequestStatus.WAITING,
        confirmed_at=timezone.now(),
    )
    unanswered.help_requests.add(request)
    alert(owner, "Résolue", days_ago=2, status=AlertStatus.RESOLVED)
    alert(cell("Autre cellule"), "Autre région", days_ago=1)

    meeting = Meeting.objects.create(cell=owner, held_on=TODAY, title="Réunion")

    assert why_of(meeting) == {
        "Rouge": "worsening",
        "Nouvelle et urgente": "worsening",
        "Trésorerie": "worsening",
        "Sans réponse": "unanswered",
        "Nouvelle": "new",
    }


def test_new_means_since_the_previous_meeting():
    owner = cell()
    Meeting.objects.create(cell=owner, held_on=TODAY - datetime.timedelta(days=5), title="Avant")
    alert(owner, "Avant la réunion", days_ago=8)
    alert(owner, "Après la réunion", days_ago=2)

    meeting = Meeting.objects.create(cell=owner, held_on=TODAY, title="Réunion")

    assert why_of(meeting) == {"Après la réunion": "new"}


def test_the_national_cell_discusses_escalated_alerts():
    regional, national = cell(), cell("Cellule nationale", ScopeLevel.NATIONAL)
    alert(regional, "Remontée", days_ago=20, status=AlertStatus.ESCALATED)
    alert(regional, "Régionale", days_ago=1)

    meeting = Meeting.objects.create(cell=national, held_on=TODAY, title="Réunion nationale")

    assert why_of(meeting) == {"Remontée": "unanswered"}


def test_generating_again_keeps_decisions_and_adds_only_new_alerts():
    owner = cell()
    alert(owner, "Première", days_ago=1)
    meeting = Meeting.objects.create(cell=owner, held_on=TODAY, title="Réunion")
    generate_agenda(meeting)
    item = meeting.items.get()
    record_decision(item, "  Orienter vers le DLA.  ")
    alert(owner, "Seconde", days_ago=0)

    added = generate_agenda(meeting)

    assert [a.alert.structure.name for a in added] == ["Seconde"]
    item.refresh_from_db()
    assert item.decision == "Orienter vers le DLA."
    assert list(meeting.items.values_list("position", flat=True)) == [1, 2]


def test_closed_minutes_change_no_more_and_the_pdf_carries_every_decision():
    owner = cell()
    alert(owner, "Théâtre des Lucioles", days_ago=1, amount_at_stake_eur=45000)
    meeting = Meeting.objects.create(
        cell=owner, held_on=TODAY, title="Réunion de novembre", attendees="SGAR, DREETS"
    )
    generate_agenda(meeting)
    record_decision(meeting.items.get(), "Prêt relais solidaire demandé à France Active.")
    close_minutes(meeting)

    with pytest.raises(MeetingClosed):
        record_decision(meeting.items.get(), "Autre chose")
    with pytest.raises(MeetingClosed):
        generate_agenda(meeting)

    pdf = PdfReader(io.BytesIO(minutes_pdf(meeting)))
    pdf_text = "".join(page.extract_text() for page in pdf.pages)
    docx = Document(io.BytesIO(minutes_docx(meeting)))
    docx_text = "\n".join(
        [paragraph.text for paragraph in docx.paragraphs]
        + [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    )
    for text in (pdf_text, docx_text):
        assert "Réunion de novembre" in text
        assert "Théâtre des Lucioles" in text
        assert "Prêt relais solidaire demandé à France Active." in text
        assert "SGAR, DREETS" in text


def test_meeting_pages_belong_to_the_cell_members(client, login):
    owner, other = cell(), cell("Autre cellule")
    member, outsider = UserFactory(), UserFactory()
    OrganizationMembership.objects.create(user=member, organization=owner)
    OrganizationMembership.objects.create(user=outsider, organization=other)
    meeting = Meeting.objects.create(cell=owner, held_on=TODAY, title="Réunion")
    item = AgendaItem.objects.create(
        meeting=meeting, alert=alert(owner, "Structure", days_ago=1), why="new", position=1
    )

    login(outsider)
    assert client.get(reverse("watch:meeting_minutes", args=[meeting.pk, "pdf"])).status_code == 404
    decide = reverse("watch:meeting_decide", args=[meeting.pk, item.pk])
    assert client.post(decide, {"decision": "Rien"}).status_code == 404

    login(member)
    pdf = client.get(reverse("watch:meeting_minutes", args=[meeting.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.post(decide, {"decision": ""}).status_code == 400
    assert client.post(decide, {"decision": "Orienter"}).status_code == 302
    item.refresh_from_db()
    assert item.decision == "Orienter"
