"""What the instructor's page shows of an application, in French: the file as submitted (the
snapshot JSON turned into labelled sections, whatever its exact shape), the answers to the aid's
questions, the attached diagnosis and cash-flow plan.

The snapshot is read defensively: known keys get their French label, unknown keys a readable
one, nested objects become sub-sections and lists of objects become tables. Nothing in it is
trusted as HTML (the templates escape every value)."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format, number_format

from aidess.applications.enums import AgrementKind, DocumentKind, YearKind
from aidess.core import formats

NOT_GIVEN = "Non renseigné"

LABELS = {
    # sections
    "identity": "Identité",
    "identite": "Identité",
    "structure": "Identité",
    "representative": "Représentant légal",
    "contact": "Personne à contacter",
    "human_means": "Moyens humains",
    "means": "Moyens humains",
    "budgets": "Budgets",
    "budget": "Budget",
    "budget_lines": "Lignes de budget",
    "agrements": "Agréments",
    "documents": "Documents",
    "totals": "Totaux",
    "lines": "Lignes",
    "account_label": "Intitulé du compte",
    "contributions_used": "Emplois des contributions volontaires",
    "contributions_given": "Contributions volontaires en nature",
    "result": "Résultat",
    "balanced": "Équilibré",
    "subsidies": "Subventions (compte 74) par financeur",
    "members": "Adhérents",
    "is_ess": "Structure de l'ESS",
    "is_esus": "Agrément ESUS",
    YearKind.ACTUAL.value: "Budget réalisé N-1",
    YearKind.FORECAST.value: "Budget prévisionnel",
    # fields
    "name": "Nom",
    "siret": "SIRET",
    "siren": "SIREN",
    "rna_number": "Numéro RNA",
    "legal_category": "Forme juridique",
    "legal_form": "Forme juridique",
    "naf_activity": "Activité (NAF)",
    "sector": "Secteur",
    "commune": "Commune du siège",
    "department": "Département",
    "region": "Région",
    "address": "Adresse",
    "postal_code": "Code postal",
    "creation_date": "Date de création",
    "role": "Qualité",
    "email": "Adresse e-mail",
    "phone": "Téléphone",
    "representative_name": "Nom et prénom du représentant",
    "representative_role": "Qualité du représentant",
    "representative_email": "E-mail du représentant",
    "representative_phone": "Téléphone du représentant",
    "contact_name": "Nom et prénom du contact",
    "contact_role": "Fonction du contact",
    "contact_email": "E-mail du contact",
    "contact_phone": "Téléphone du contact",
    "members_count": "Adhérents",
    "volunteers": "Bénévoles",
    "employees": "Salariés",
    "employees_fte": "Salariés (ETP)",
    "year_kind": "Exercice",
    "section": "Section",
    "account": "Compte",
    "label": "Précision",
    "amount": "Montant",
    "kind": "Type",
    "kind_label": "Type",
    "number": "Numéro",
    "granted_on": "Date d'obtention",
    "authority": "Autorité",
    "original_name": "Fichier",
    "name_of_file": "Fichier",
    "content_type": "Format",
    "size": "Taille",
    "valid_until": "Valable jusqu'au",
    "uploaded_at": "Envoyé le",
    "charges": "Total des charges",
    "products": "Total des produits",
    "balance": "Résultat",
    "taken_at": "Dossier figé le",
    "submitted_at": "Déposé le",
}
CHOICES = {
    "kind": {**dict(AgrementKind.choices), **dict(DocumentKind.choices)},
    "year_kind": dict(YearKind.choices),
}
MONEY_KEYS = (
    "amount",
    "charges",
    "products",
    "balance",
    "total",
    "result",
    "contributions_used",
    "contributions_given",
)
# Internal keys a reader has no use for.
DECIMAL = re.compile(r"^-?\d+\.\d+$")
HIDDEN_KEYS = {"id", "pk", "file", "file_id", "structure_id", "content", "path", "version"}


@dataclass
class Node:
    """A value to show: `text` (a scalar), `items` [(label, Node)] (an object), or `columns` and
    `rows` (a list of objects, as a table), or `values` (a list of scalars)."""

    text: str = ""
    items: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    values: list = field(default_factory=list)

    @property
    def kind(self):
        if self.items:
            return "object"
        if self.columns:
            return "table"
        if self.values:
            return "list"
        return "text"


def label_of(key):
    key = str(key)
    return LABELS.get(key) or key.replace("_", " ").strip().capitalize()


def is_money(key):
    key = str(key)
    return key.endswith("_eur") or any(
        key == name or key.endswith(f"_{name}") for name in MONEY_KEYS
    )


def as_date(text):
    try:
        if len(text) == 10:
            return date_format(datetime.date.fromisoformat(text), "j F Y")
        moment = datetime.datetime.fromisoformat(text)
        return date_format(moment, "j F Y à H:i")
    except ValueError:
        return None


def scalar(key, value):
    """A JSON scalar as French text."""
    if value is None or value == "":
        return NOT_GIVEN
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    key = str(key)
    if key in CHOICES and value in CHOICES[key]:
        return CHOICES[key][value]
    if is_money(key):
        try:
            return formats.euros(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    if key == "size" and isinstance(value, int):
        return f"{number_format(value / 1024, 0, force_grouping=True)} ko"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return as_date(value) or value
    if isinstance(value, str) and DECIMAL.match(value):  # « 2.50 » ETP: « 2,5 »
        return number_format(Decimal(value).normalize(), force_grouping=True)
    if isinstance(value, float | int):
        return number_format(value, force_grouping=True)
    return str(value)


def node(key, value, money=False):
    """`money`: every scalar below is an amount (a budget's subsidies, keyed by funder)."""
    if isinstance(value, dict):
        items = value.items()
        if key in YearKind.values:  # a budget: its name is the section's title already
            items = [(sub, item) for sub, item in items if sub != "name"]
        return Node(
            items=[
                (label_of(sub), node(sub, item, money or sub == "subsidies"))
                for sub, item in items
                if sub not in HIDDEN_KEYS
            ]
        )
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            keys = []
            for item in value:
                keys += [k for k in item if k not in keys and k not in HIDDEN_KEYS]
            titles = [label_of(k) for k in keys]
            if "kind" in keys and "label" in keys:  # agréments, documents: the label says it
                titles[keys.index("label")] = "Type"
                titles.pop(keys.index("kind"))
                keys.remove("kind")
            return Node(
                columns=titles,
                rows=[[scalar(k, item.get(k)) for k in keys] for item in value],
            )
        if not value:
            return Node(text="Aucun")
        return Node(values=[scalar(key, item) for item in value])
    return Node(text=scalar("amount" if money else key, value))


def snapshot_sections(snapshot, skip=()):
    """[(title, Node)] of the file as submitted; top-level scalars gathered in one section."""
    if not isinstance(snapshot, dict):
        return []
    loose, sections = [], []
    for key, value in snapshot.items():
        if key in skip or key in HIDDEN_KEYS:
            continue
        if isinstance(value, dict | list):
            sections.append((label_of(key), node(key, value)))
        else:
            loose.append((label_of(key), node(key, value)))
    if loose:
        sections.insert(0, ("Dossier", Node(items=loose)))
    return sections


def lists_documents(snapshot):
    return isinstance(snapshot, dict) and bool(snapshot.get("documents"))


def answered_questions(application):
    """[(question, answer)] in the aid's order, then answers to questions since removed."""
    answers = {str(key): value for key, value in (application.answers or {}).items()}
    terms = getattr(application.aid, "application_terms", None)
    questions = list(terms.questions.all()) if terms else []
    shown = [(q.label, answers.pop(str(q.pk), "") or NOT_GIVEN) for q in questions]
    shown += [(f"Question retirée depuis (n° {key})", value) for key, value in answers.items()]
    return shown


@dataclass(frozen=True)
class Finances:
    diagnosis_summary: str
    diagnosis_severity: str
    financing_need: Decimal | None
    lowest_balance: Decimal | None
    lowest_month: str


def attached_finances(application):
    """The diagnosis's verdict and the cash-flow plan's financing need, when attached."""
    summary = severity = lowest_month = ""
    need = lowest = None
    if application.diagnosis_id:
        assessment = application.diagnosis.assessment()
        summary, severity = assessment.summary, assessment.severity_label
    if application.cashflow_plan_id:
        result = application.cashflow_plan.result()
        need, lowest, lowest_month = (
            result.financing_need,
            result.lowest_balance,
            result.lowest_month,
        )
    return Finances(summary, severity, need, lowest, lowest_month)
