"""Turn a Sirene record into initial values of the profile form, keeping what the person typed."""

from dataclasses import dataclass, field

from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.structures.sirene import CompanyRecord, LookupFailed, lookup_siret
from aidess.territories.models import Commune


@dataclass
class Prefill:
    initial: dict
    filled: list = field(default_factory=list)
    error: str = ""
    warning: str = ""


def prefill_profile(siret, typed):
    """Look `siret` up and merge the answer into `typed` (a dict of the form's current values).

    Fields the registry knows overwrite what was typed; every other field keeps its value, and on
    failure nothing changes but the message.
    """
    try:
        record = lookup_siret(siret)
    except LookupFailed as failure:
        return Prefill(initial={**typed, "siret": siret}, error=failure.message)
    values, filled = values_from_record(record)
    warning = ""
    if record.is_ceased:
        warning = (
            "Le répertoire Sirene indique que cette structure a cessé son activité. "
            "Vérifiez le SIRET ou corrigez la fiche si elle est de nouveau active."
        )
    return Prefill(initial={**typed, **values}, filled=filled, warning=warning)


def values_from_record(record: CompanyRecord):
    values = {"siret": record.siret, "name": record.name, "is_ess": record.is_ess}
    filled = ["nom", "structure de l'ESS"]
    category = LegalCategory.objects.filter(code=record.legal_category_code).first()
    if category:
        values["legal_category"] = category.pk
        filled.append("catégorie juridique")
    activity = NafActivity.objects.filter(code=record.naf_code).first()
    if activity:
        values["naf_activity"] = activity.pk
        filled.append("activité principale")
    commune = Commune.objects.filter(code=record.commune_code).first()
    if commune:
        values["commune"] = commune.label
        filled.append("commune du siège")
    if record.rna_number:
        values["rna_number"] = record.rna_number
        filled.append("numéro RNA")
    if record.creation_date:
        values["creation_date"] = record.creation_date.isoformat()
        filled.append("date de création")
    return values, filled
