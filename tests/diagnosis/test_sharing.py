"""Sharing diagnoses and cash-flow plans with a support organisation: explicit, read-only, revocable."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aidess.cashflow.models import CashflowPlan
from aidess.diagnosis.models import Diagnosis, SharingConsent
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import OrganizationMembership
from tests.cashflow.helpers import advisor, example_plan, plan_lines
from tests.factories import OrganizationFactory, StructureFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(member):
    return StructureFactory(member=member, name="Les Jardins partagés")


@pytest.fixture
def plan(structure):
    return example_plan(structure)


@pytest.fixture
def diagnosis(structure):
    diagnosis = Diagnosis.objects.create(
        structure=structure, answers={"activity_status": "stopped", "months_covered": "0.5"}, step=5
    )
    diagnosis.complete()
    return diagnosis


@pytest.fixture
def support():
    """An advisor (working in Paris) and its support organisation."""
    return advisor()


def read_urls(structure, plan, diagnosis):
    return {
        "history": reverse("diagnosis:history", args=[structure.pk]),
        "result": reverse("diagnosis:result", args=[structure.pk, diagnosis.pk]),
        "plans": reverse("cashflow:list", args=[structure.pk]),
        "plan": reverse("cashflow:detail", args=[structure.pk, plan.pk]),
        "xlsx": reverse("cashflow:xlsx", args=[structure.pk, plan.pk]),
        "pdf": reverse("cashflow:pdf", args=[structure.pk, plan.pk]),
    }


def sharing_url(structure):
    return reverse("diagnosis:sharing", args=[structure.pk])


def grant(client, structure, organization, consent="1"):
    data = {"organization": organization.pk}
    if consent:
        data["consent"] = consent
    return client.post(sharing_url(structure), data, follow=True)


def as_user(client, login, user):
    client.logout()
    return login(user)


# Granting


def test_consent_needs_the_explicit_checkbox(client, login, member, structure, support):
    _, organization = support
    login(member)

    page = Page(grant(client, structure, organization, consent=None).content.decode())

    assert "Cochez la case de consentement pour partager vos données." in page.all_text
    assert not SharingConsent.objects.exists()
    form = page.form_with("consent")
    assert form.field("consent")["type"] == "checkbox"
    assert form.value("consent") == [], "never ticked in advance"


def test_member_shares_with_a_support_organisation(client, login, member, structure, support):
    _, organization = support
    funder = OrganizationFactory(
        name="Conseil régional", kind=OrganizationKind.PROVIDER, scope_level=ScopeLevel.REGIONAL
    )
    login(member)
    page = Page(client.get(sharing_url(structure)).content.decode())
    options = [
        value for value, _ in page.form_with("organization").field("organization")["options"]
    ]
    assert str(organization.pk) in options
    assert str(funder.pk) not in options, "only support organisations are offered"
    assert "Aucun partage." in page.all_text

    text = Page(grant(client, structure, organization).content.decode()).all_text

    assert f"Vos diagnostics et plans sont partagés avec {organization.name}." in text
    consent = SharingConsent.objects.get()
    assert (consent.structure, consent.organization, consent.granted_by) == (
        structure,
        organization,
        member,
    )
    assert consent.is_active
    assert f"{organization.name} — accordé le" in text
    assert "Retirer le partage" in text


def test_only_support_organisations_can_be_chosen(client, login, member, structure):
    funder = OrganizationFactory(kind=OrganizationKind.PROVIDER, scope_level=ScopeLevel.NATIONAL)
    login(member)
    for organization_pk in (funder.pk, 999999, "", "abc"):
        response = client.post(
            sharing_url(structure), {"organization": organization_pk, "consent": "1"}
        )
        assert (
            "Choisissez un organisme d'accompagnement dans la liste."
            in Page(response.content.decode()).all_text
        )
    assert not SharingConsent.objects.exists()


# What the advisor sees


def test_advisor_reads_the_diagnosis_and_plan_read_only(
    client, login, member, structure, plan, diagnosis, support
):
    user, organization = support
    login(member)
    grant(client, structure, organization)
    as_user(client, login, user)
    urls = read_urls(structure, plan, diagnosis)

    result = Page(client.get(urls["result"]).content.decode()).all_text
    assert "Situation critique" in result
    assert "Votre trésorerie couvre moins d'un mois de dépenses." in result
    assert "Faire mon plan de trésorerie" not in result

    history = client.get(urls["history"]).content.decode()
    assert (
        "nouvel autodiagnostic" not in history
        and reverse("diagnosis:start", args=[structure.pk]) not in history
    )

    plans = client.get(urls["plans"]).content.decode()
    assert plan.get_absolute_url() in plans
    assert reverse("cashflow:create", args=[structure.pk]) not in plans

    page = Page(client.get(urls["plan"]).content.decode())
    assert "Lecture seule (partagé avec vous)" in page.all_text
    assert page.text("financing-need") == "Besoin de financement immédiat : 3\u202f000,50\xa0€"
    form = page.form_with(form_id="cashflow-form")
    editable = [f for f in form.fields if f["type"] == "text" and f["name"] not in ("aide",)]
    assert len(editable) == 1 + 2 + 2 * 3, "opening balance, two labels, six cells"
    assert all(field["readonly"] for field in editable)
    assert form.field("months")["disabled"]
    assert not [f for f in form.fields if f["tag"] == "button"], "no Enregistrer, no Ajouter"
    assert "Enregistrer le plan" not in page.html
    assert not [f for f in form.fields if f["name"] and f["name"].startswith("delete-")]
    assert "hx-post" not in form.attrs, "changing a cell does not post to a plan it cannot change"

    # The aid what-if still works for the advisor: a GET of its own.
    aid_form = page.form_with(form_id="aid-form")
    assert aid_form.attrs["method"] == "get"
    assert form.field("aide")["form"] == "aid-form"
    what_if = Page(client.get(urls["plan"], {"aide": "5000"}).content.decode())
    assert "besoin restant 0\xa0€" in what_if.text("cashflow-results")

    sheet = load_workbook(io.BytesIO(client.get(urls["xlsx"]).content)).worksheets[0]
    assert sheet["B2"].value == "Les Jardins partagés"
    pdf = client.get(urls["pdf"])
    assert (pdf.status_code, pdf.content[:5]) == (200, b"%PDF-")


def test_advisor_cannot_change_anything(client, login, structure, plan, diagnosis, support):
    user, organization = support
    SharingConsent.objects.create(structure=structure, organization=organization)
    login(user)
    form = Page(client.get(plan.get_absolute_url()).content.decode()).form_with(
        form_id="cashflow-form"
    )
    data = form.data()
    data[next(name for name in data if name.endswith("-0") and name.startswith("amount-"))] = ["1"]

    for action in ({"action": "save"}, {"add": "receipt"}, {"action": "recompute"}):
        response = client.post(plan.get_absolute_url(), {**data, **action})
        assert response.status_code == 403
        assert "Lecture seule" in response.content.decode()
    assert plan_lines(plan)[0][2] == ["3000.00", "4000.00", "2000.00"]

    changes = [
        reverse("diagnosis:start", args=[structure.pk]),
        reverse("diagnosis:step", args=[structure.pk, diagnosis.pk, 1]),
        sharing_url(structure),
        reverse("cashflow:create", args=[structure.pk]),
        reverse("cashflow:import", args=[structure.pk]),
    ]
    for url in changes:
        assert (
            client.post(
                url, {"activity_status": "normal", "start": "2026-01", "months": "3"}
            ).status_code
            == 404
        ), url
    assert Diagnosis.objects.count() == 1
    assert CashflowPlan.objects.count() == 1
    diagnosis.refresh_from_db()
    assert diagnosis.answers["activity_status"] == "stopped"


def test_revoking_ends_the_advisors_access(
    client, login, member, structure, plan, diagnosis, support
):
    user, organization = support
    login(member)
    grant(client, structure, organization)
    consent = SharingConsent.objects.get()
    urls = read_urls(structure, plan, diagnosis)
    as_user(client, login, user)
    assert all(client.get(url).status_code == 200 for url in urls.values())

    as_user(client, login, member)
    response = client.post(
        reverse("diagnosis:revoke", args=[structure.pk, consent.pk]), follow=True
    )
    text = Page(response.content.decode()).all_text
    assert f"Le partage avec {organization.name} est retiré." in text
    assert "retiré le" in text
    consent.refresh_from_db()
    assert consent.revoked_at is not None, "the record of consent is kept"

    as_user(client, login, user)
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name


def test_sharing_twice_then_revoking_ends_the_access(
    client, login, member, structure, plan, diagnosis, support
):
    user, organization = support
    login(member)
    grant(client, structure, organization)
    grant(client, structure, organization)  # a double click, or a forgotten earlier consent
    assert SharingConsent.objects.filter(revoked_at__isnull=True).count() == 1
    page = Page(client.get(sharing_url(structure)).content.decode())
    (revoke,) = [form for form in page.forms if "/retirer/" in form["attrs"].get("action", "")]
    client.post(revoke["attrs"]["action"])

    as_user(client, login, user)
    assert client.get(read_urls(structure, plan, diagnosis)["result"]).status_code == 404


def test_advisor_of_another_organisation_gets_404(
    client, login, structure, plan, diagnosis, support
):
    _, organization = support
    SharingConsent.objects.create(structure=structure, organization=organization)
    other, _ = advisor(departments=["59"])  # even one who covers the structure's territory
    login(other)
    assert client.get(structure.get_absolute_url()).status_code == 200
    for name, url in read_urls(structure, plan, diagnosis).items():
        assert client.get(url).status_code == 404, name


def test_advisor_who_left_the_organisation_gets_404(
    client, login, structure, plan, diagnosis, support
):
    user, organization = support
    SharingConsent.objects.create(structure=structure, organization=organization)
    OrganizationMembership.objects.filter(user=user).update(is_active=False)
    login(user)
    assert client.get(read_urls(structure, plan, diagnosis)["result"]).status_code == 404


def test_consent_from_another_structure_does_not_open_this_one(
    client, login, structure, plan, diagnosis, support
):
    user, organization = support
    SharingConsent.objects.create(structure=StructureFactory(), organization=organization)
    login(user)
    assert client.get(read_urls(structure, plan, diagnosis)["plan"]).status_code == 404


# Other people


def test_another_structures_member_gets_404_everywhere(
    client, login, structure, plan, diagnosis, support
):
    _, organization = support
    consent = SharingConsent.objects.create(structure=structure, organization=organization)
    login(StructureFactory(member=UserFactory()).memberships.get().user)

    for name, url in read_urls(structure, plan, diagnosis).items():
        assert client.get(url).status_code == 404, name
    for url in (
        reverse("diagnosis:step", args=[structure.pk, diagnosis.pk, 1]),
        sharing_url(structure),
        reverse("cashflow:import", args=[structure.pk]),
    ):
        assert client.get(url).status_code == 404, url
    posts = {
        reverse("diagnosis:start", args=[structure.pk]): {},
        reverse("diagnosis:step", args=[structure.pk, diagnosis.pk, 1]): {
            "activity_status": "normal"
        },
        sharing_url(structure): {"organization": organization.pk, "consent": "1"},
        reverse("diagnosis:revoke", args=[structure.pk, consent.pk]): {},
        reverse("cashflow:create", args=[structure.pk]): {"start": "2026-01", "months": "3"},
        reverse("cashflow:detail", args=[structure.pk, plan.pk]): {
            "action": "save",
            "opening_balance": "0",
        },
        reverse("cashflow:import", args=[structure.pk]): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    assert Diagnosis.objects.count() == 1 and CashflowPlan.objects.count() == 1
    assert SharingConsent.objects.get().is_active
    plan.refresh_from_db()
    assert plan.opening_balance == 1000


def test_a_plan_or_diagnosis_of_another_structure_is_not_found_under_mine(
    client, login, member, structure, plan, diagnosis
):
    mine = StructureFactory(member=member)
    login(member)
    assert client.get(reverse("cashflow:detail", args=[mine.pk, plan.pk])).status_code == 404
    assert client.get(reverse("diagnosis:result", args=[mine.pk, diagnosis.pk])).status_code == 404
    assert client.get(reverse("diagnosis:step", args=[mine.pk, diagnosis.pk, 1])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, structure, plan, diagnosis):
    login_url = reverse("accounts:login")
    for name, url in read_urls(structure, plan, diagnosis).items():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login_url), name
    assert client.get(sharing_url(structure)).url.startswith(login_url)


def test_sharing_is_kept_as_a_dated_record(client, login, member, structure, support):
    _, organization = support
    consent = SharingConsent.objects.create(
        structure=structure, organization=organization, revoked_at=timezone.now()
    )
    login(member)
    text = Page(client.get(sharing_url(structure)).content.decode()).all_text
    assert f"{organization.name} — accordé le" in text and "retiré le" in text
    assert not consent.is_active
