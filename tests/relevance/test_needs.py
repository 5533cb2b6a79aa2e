"""Needs: the seed schemes' (cited), the imported aids' (rule tested on the real export), the
self-diagnosis's, and the needs a person ticks in the simulation and in Mes aides."""

import csv
import html
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from aidess.aids.enums import AidKind, AidSource, Need
from aidess.aids.importers import needs_of_imported, parse_row
from aidess.aids.models import Aid, AidNeed
from aidess.aids.seeding import SEED_FILE
from aidess.diagnosis.assessment import NEED_LABELS, assess
from aidess.diagnosis.models import Diagnosis
from aidess.diagnosis.needs import DIAGNOSIS_NEEDS, needs_of_assessment
from aidess.territories.models import Commune
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db
EXPORT = SEED_FILE.parent / "aides-territoires_periurbain.csv"


def export_rows():
    with EXPORT.open(encoding="utf-8") as handle:
        return [parse_row(row) for row in csv.DictReader(handle)]


def needs_of_row(values):
    return needs_of_imported(values["kind"], values["name"], values["description"])


def test_each_seed_scheme_answers_the_needs_its_document_gives_and_cites_it():
    specs = json.loads(SEED_FILE.read_text("utf-8"))["aids"]
    for spec in specs:
        assert spec["needs"] and set(spec["needs"]) <= set(Need.values), spec["slug"]
        assert re.match(r"seeds/\d{3}_[0-9a-f]{16}\.txt", spec["needs_provenance"]), spec["slug"]
        stored = set(AidNeed.objects.filter(aid__slug=spec["slug"]).values_list("need", flat=True))
        assert stored == set(spec["needs"])
    by_slug = {spec["slug"]: set(spec["needs"]) for spec in specs}
    assert "cash" in by_slug["pret-relais-solidaire"]
    assert "payment_dispute" in by_slug["mediateur-des-entreprises"]
    assert "restructuring" in by_slug["dla-restructuration"]


def test_imported_engineering_aids_answer_advice_and_others_their_text():
    rows = export_rows()
    assert len(rows) == 274
    for values in rows:
        if values["kind"] == AidKind.SUPPORT:  # every type of the row is engineering
            assert Need.ADVICE in needs_of_row(values), values["name"]
    by_name = {values["name"]: needs_of_row(values) for values in rows}
    basketball = next(n for name, n in by_name.items() if "Basket 3x3" in name)
    assert basketball == {Need.INVESTMENT}  # « Créer ou rénover des terrains »
    cash = {name for name, needs in by_name.items() if Need.CASH in needs}
    assert cash  # « lignes de trésorerie, prêts relais » of a bank's offer, among others
    for name in cash:
        row = next(v for v in rows if v["name"] == name)
        text = (row["name"] + row["description"]).lower()
        assert any(w in text for w in ("trésorerie", "relais", "avance", "préfinancement")) or (
            row["kind"] == AidKind.REPAYABLE_ADVANCE
        )


def test_the_imported_catalog_holds_the_needs_of_the_rule():
    imported = Aid.objects.filter(source=AidSource.AIDES_TERRITOIRES)
    assert imported.count() == 274
    for aid in imported:
        stored = set(aid.needs.values_list("need", flat=True))
        assert stored == needs_of_imported(aid.kind, aid.name, aid.description), aid.name


def test_a_grant_whose_text_names_no_need_answers_none():
    assert needs_of_imported(AidKind.GRANT, "Préserver le patrimoine naturel", "Mares.") == set()
    assert needs_of_imported(AidKind.GRANT, "Fonds", "Besoin en FONDS DE ROULEMENT.") == {"cash"}
    assert needs_of_imported(AidKind.REPAYABLE_ADVANCE, "Avance", "") == {"cash"}


def test_diagnosis_needs_map_onto_the_shared_vocabulary():
    assert set(DIAGNOSIS_NEEDS) == set(NEED_LABELS)
    assert all(set(needs) <= set(Need.values) for needs in DIAGNOSIS_NEEDS.values())
    assessment = assess({"funding_cut": True, "months_covered": "0.5", "layoffs_considered": True})
    assert needs_of_assessment(assessment) == {"activity_funding", "cash", "employment"}


def test_simulation_asks_needs_and_ranks_by_them(client):
    answers = {"legal_form": "association", "commune": "Aubusson (23008)", "ess": "yes"}
    plain = client.get(reverse("eligibility:simulation"), answers)
    assert 'name="needs"' in plain.content.decode()
    assert plain.context["eligible"][0].aid.slug != "mediateur-des-entreprises"

    asked = client.get(reverse("eligibility:simulation"), {**answers, "needs": "payment_dispute"})
    ranked = sorted(asked.context["eligible"] + asked.context["to_confirm"], key=lambda r: r.rank)
    assert ranked[0].aid.slug == "mediateur-des-entreprises"
    assert "Répond à votre besoin lié à un litige ou un retard de paiement" in html.unescape(
        asked.content.decode()
    )


def test_simulation_refuses_an_unknown_need_in_french(client):
    response = client.get(reverse("eligibility:simulation"), {"needs": "lottery"})
    assert response.status_code == 200
    assert "Besoin inconnu" in html.unescape(response.content.decode())


def test_mes_aides_starts_from_the_last_diagnosis_then_follows_the_choice(client, login):
    member = UserFactory()
    structure = StructureFactory(
        member=member, commune=Commune.objects.get(code="23008"), employees_fte=Decimal("2")
    )
    diagnosis = Diagnosis.objects.create(structure=structure, answers={"dispute": True})
    diagnosis.complete()
    login(member)
    url = reverse("eligibility:structure_aids", args=[structure.pk])

    page = client.get(url)
    checked = re.findall(
        r'<input[^>]*name="needs"[^>]*value="(\w+)"[^>]*checked', page.content.decode()
    )
    assert checked == ["payment_dispute"]
    ranked = sorted(page.context["eligible"] + page.context["to_confirm"], key=lambda r: r.rank)
    assert ranked[0].aid.slug == "mediateur-des-entreprises"

    chosen = client.get(url, {"besoins": "1", "needs": "employment"})
    checked = re.findall(
        r'<input[^>]*name="needs"[^>]*value="(\w+)"[^>]*checked', chosen.content.decode()
    )
    assert checked == ["employment"]
    reasons = [r.relevance for r in chosen.context["eligible"] + chosen.context["to_confirm"]]
    assert any("besoin lié à l'emploi et aux salaires" in reason for reason in reasons)
    assert not any("emploi" in reason for reason in [r.relevance for r in ranked])
