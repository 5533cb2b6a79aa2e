"""Past decisions brought in from files, so that a review can cover a scheme run outside AidESS
(as the DSESS was): the structures (our CSV) and the subsidies granted to them (SCDL v2.1.1).

Each import reads the whole file, checks every row, and reports each rejected row with its
number (the header is line 1) and its reason in French; valid rows are written, and a second
run of the same file changes nothing (structures by SIRET, decisions by their key).
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from stdnum.fr import siret as stdnum_siret

from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.lifecycles.models import TransitionLog
from aidess.nomenclatures.models import LegalCategory
from aidess.nomenclatures.vocabulary import SECTORS
from aidess.opendata.scdl import SCHEMA_PATH
from aidess.reviews.models import ImportedDecision
from aidess.structures.models import Structure
from aidess.territories.models import Commune

STRUCTURE_HEADER = [
    "siret",
    "nom",
    "code_commune",
    "categorie_juridique",
    "secteur",
    "etp",
    "budget_annuel",
]
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
TRUE, FALSE = {"oui", "true", "vrai", "1"}, {"non", "false", "faux", "0"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong header…): nothing was imported."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # (line, reason)

    def reject(self, line, reason):
        self.rejected.append((line, reason))


def is_siret(value):
    return bool(value) and value.isdigit() and stdnum_siret.is_valid(value)


def _decimal(value, label, places):
    """A non-negative decimal with a dot, or None when empty; ValueError in French otherwise."""
    if not value:
        return None
    if not DECIMAL.match(value):
        raise ValueError(f"{label} « {value} » n'est pas un nombre décimal avec un point")
    number = Decimal(value)
    if number < 0:
        raise ValueError(f"{label} ne peut pas être négatif")
    return number.quantize(Decimal(1).scaleb(-places))


def _rows(text, header=None, required=()):
    """(line number, dict) of a CSV text, after checking its header (exactly `header`, or
    holding the `required` columns)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    found = next(reader, None)
    if found is None:
        raise ImportFileError("le fichier est vide")
    found = [name.strip() for name in found]
    if header is not None and found != header:
        raise ImportFileError(f"en-tête attendu : {','.join(header)} (trouvé : {','.join(found)})")
    if missing := [name for name in required if name not in found]:
        raise ImportFileError(f"colonnes manquantes : {', '.join(missing)}")
    for line, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(found):
            yield line, None
            continue
        yield line, {name: value.strip() for name, value in zip(found, values, strict=True)}


# --- Structures -------------------------------------------------------------------------------


def _lookup(cache, queryset, code):
    """One query per distinct code of the file, not per row."""
    if code not in cache:
        cache[code] = queryset.filter(pk=code).first()
    return cache[code]


def _structure_values(row, cache):
    """The model's values of a row, or ValueError with the reason in French."""
    siret = row["siret"]
    if not is_siret(siret):
        raise ValueError(f"SIRET « {siret} » invalide (14 chiffres et clé de contrôle)")
    if not row["nom"]:
        raise ValueError("nom manquant")
    commune = None
    if row["code_commune"]:
        commune = _lookup(cache["communes"], Commune.objects.selectable(), row["code_commune"])
        if commune is None:
            raise ValueError(f"code commune « {row['code_commune']} » inconnu")
    category = None
    if row["categorie_juridique"]:
        category = _lookup(cache["categories"], LegalCategory.objects, row["categorie_juridique"])
        if category is None:
            raise ValueError(f"catégorie juridique « {row['categorie_juridique']} » inconnue")
    if row["secteur"] and row["secteur"] not in SECTORS:
        raise ValueError(f"secteur « {row['secteur']} » inconnu (attendu : {', '.join(SECTORS)})")
    return siret, {
        "name": row["nom"][:250],
        "commune": commune,
        "legal_category": category,
        "sector": row["secteur"],
        "employees_fte": _decimal(row["etp"], "Le nombre d'ETP", 2),
        "annual_budget_eur": _decimal(row["budget_annuel"], "Le budget annuel", 2),
    }


def import_structures(text):
    """Create or update the structures of a CSV (our header), by SIRET."""
    report = ImportReport()
    seen, cache = set(), {"communes": {}, "categories": {}}
    with transaction.atomic():
        for line, row in _rows(text, STRUCTURE_HEADER):
            if row is None:
                report.reject(line, f"nombre de colonnes différent de {len(STRUCTURE_HEADER)}")
                continue
            try:
                siret, values = _structure_values(row, cache)
            except ValueError as error:
                report.reject(line, str(error))
                continue
            if siret in seen:
                report.reject(line, f"SIRET {siret} déjà présent plus haut dans le fichier")
                continue
            seen.add(siret)
            _save_structure(siret, values, report)
    return report


def _save_structure(siret, values, report):
    structure = Structure.objects.filter(siret=siret).first()
    if structure is None:
        Structure(siret=siret, is_ess=True, **values).save()
        report.created += 1
        return
    changed = [name for name, value in values.items() if getattr(structure, name) != value]
    if not changed:
        report.unchanged += 1
        return
    for name in changed:
        setattr(structure, name, values[name])
    structure.save()
    report.updated += 1


# --- Subsidies (SCDL) -------------------------------------------------------------------------


def scdl_fields():
    """The schema's fields (the copy in opendata/schema), {name: field}."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return {spec["name"]: spec for spec in schema["fields"]}


def _check_cell(spec, value):
    """The schema's constraints on one cell; the reason in French, or None."""
    name, rules = spec["name"], spec.get("constraints", {})
    if not value:
        return f"{name} obligatoire" if rules.get("required") else None
    kind = spec.get("type")
    if kind == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"{name} « {value} » n'est pas une date AAAA-MM-JJ"
    if kind == "number":
        try:
            number = Decimal(value)
        except InvalidOperation:
            return f"{name} « {value} » n'est pas un nombre avec un point décimal"
        if not number.is_finite():
            return f"{name} « {value} » n'est pas un nombre"
        if "minimum" in rules and number < Decimal(str(rules["minimum"])):
            return f"{name} doit être au moins {rules['minimum']}"
        if "maximum" in rules and number > Decimal(str(rules["maximum"])):
            return f"{name} doit être au plus {rules['maximum']}"
    if kind == "boolean" and value.lower() not in TRUE | FALSE:
        return f"{name} « {value} » doit valoir oui ou non"
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        return f"{name} « {value} » n'a pas le format attendu"
    if "maxLength" in rules and len(value) > rules["maxLength"]:
        return f"{name} dépasse {rules['maxLength']} caractères"
    if "enum" in rules and value not in rules["enum"]:
        return f"{name} « {value} » n'est pas une valeur permise"
    return None


def _subsidy_errors(fields, row):
    errors = [reason for name, spec in fields.items() if (reason := _check_cell(spec, row[name]))]
    if errors:
        return errors[0]
    if not is_siret(row["idAttribuant"]):
        return f"idAttribuant « {row['idAttribuant']} » : clé de contrôle du SIRET invalide"
    if not row["idBeneficiaire"]:
        return "idBeneficiaire manquant : le bénéficiaire doit être identifié par son SIRET"
    if not is_siret(row["idBeneficiaire"]):
        return f"idBeneficiaire « {row['idBeneficiaire']} » : SIRET invalide"
    if not row["dispositifAide"]:
        return "dispositifAide manquant : l'aide accordée doit être indiquée"
    return None


def decision_key(row):
    """The decision's identity: its reference, or attributor + beneficiary + date + amount."""
    if row["referenceDecision"]:
        return f"{row['idAttribuant']}:{row['referenceDecision']}"[:300]
    amount = Decimal(row["montant"]).quantize(Decimal("0.01"))
    return f"{row['idAttribuant']}:{row['idBeneficiaire']}:{row['dateConvention']}:{amount}"


def _aid(name, cache):
    if name not in cache:
        cache[name] = Aid.objects.filter(Q(slug=name) | Q(name=name)).first()
    return cache[name]


def import_subsidies(text, source=""):
    """Each valid SCDL row becomes an accepted application (the decision already taken)."""
    fields = scdl_fields()
    report = ImportReport()
    aids, keys = {}, set()
    content_type = ContentType.objects.get_for_model(Application)
    with transaction.atomic():
        for line, row in _rows(text, required=list(fields)):
            if row is None:
                report.reject(line, "nombre de colonnes différent de l'en-tête")
                continue
            if reason := _subsidy_errors(fields, row):
                report.reject(line, reason)
                continue
            aid = _aid(row["dispositifAide"], aids)
            if aid is None:
                report.reject(line, f"aide « {row['dispositifAide']} » inconnue (slug ou nom)")
                continue
            structure = Structure.objects.filter(siret=row["idBeneficiaire"]).first()
            if structure is None:
                report.reject(line, f"aucune structure de SIRET {row['idBeneficiaire']}")
                continue
            key = decision_key(row)
            if key in keys:
                report.reject(line, "décision déjà présente plus haut dans le fichier")
                continue
            keys.add(key)
            _save_decision(key, row, aid, structure, source, content_type, report)
    return report


def _decision_values(row, aid, structure):
    day = datetime.date.fromisoformat(row["dateConvention"])
    decided_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return {
        "aid": aid,
        "structure": structure,
        "project_title": row["objet"][:250],
        "amount_granted_eur": Decimal(row["montant"]).quantize(Decimal("0.01")),
        "decided_at": decided_at,
    }


def _save_decision(key, row, aid, structure, source, content_type, report):
    values = _decision_values(row, aid, structure)
    imported = ImportedDecision.objects.select_related("application").filter(key=key).first()
    if imported is not None:
        application = imported.application
        changed = [name for name, value in values.items() if getattr(application, name) != value]
        if not changed:
            report.unchanged += 1
            return
        for name in changed:
            setattr(application, name, values[name])
        application.save()
        report.updated += 1
        return
    application = Application.objects.create(
        status=ApplicationStatus.ACCEPTED, submitted_at=values["decided_at"], **values
    )
    ImportedDecision.objects.create(application=application, key=key, source=source[:255])
    # The decision was taken elsewhere: one log says so, dated the decision's day.
    TransitionLog.objects.create(
        content_type=content_type,
        object_id=application.pk,
        transition="accept",
        from_state=ApplicationStatus.INSTRUCTION,
        to_state=ApplicationStatus.ACCEPTED,
        comment=f"Décision importée ({row['nomAttribuant']}, fichier {source or 'SCDL'}).",
        created_at=values["decided_at"],
    )
    report.created += 1
