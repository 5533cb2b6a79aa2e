"""Which structure an alert is about: found by SIRET among AidESS structures, else created
from the Sirene lookup, else typed by hand (name and commune) when the lookup fails."""

from django.core.exceptions import ValidationError
from stdnum.fr import siret as stdnum_siret

from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.structures.models import Structure
from aidess.structures.sirene import LookupFailed, lookup_siret
from aidess.territories.models import Commune

TYPE_BY_HAND = " Saisissez le nom et la commune de la structure ci-dessous."


def clean_siret(value):
    """A SIRET as typed (« 800 329 849 00023 ») normalised, or a French ValidationError."""
    compact = stdnum_siret.compact(value or "")
    if not compact:
        return ""
    if not compact.isdigit():
        raise ValidationError("Le SIRET ne contient que des chiffres.")
    if len(compact) != 14:
        raise ValidationError(f"Le SIRET compte 14 chiffres ; vous en avez saisi {len(compact)}.")
    if not stdnum_siret.is_valid(compact):
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres."
        )
    return compact


def from_record(record):
    structure = Structure(siret=record.siret, name=record.name[:250], is_ess=record.is_ess)
    structure.legal_category = LegalCategory.objects.filter(code=record.legal_category_code).first()
    structure.naf_activity = NafActivity.objects.filter(code=record.naf_code).first()
    structure.commune = Commune.objects.filter(code=record.commune_code).first()
    if record.creation_date:
        structure.creation_date = record.creation_date
    structure.save()
    return structure


def structure_for_alert(siret, name="", commune=None):
    """(structure, how) where how is "known", "sirene" or "manual". Raises ValidationError
    keyed by field when neither the lookup nor what was typed is enough."""
    if siret:
        known = Structure.objects.filter(siret=siret).first()
        if known is not None:
            return known, "known"
        try:
            return from_record(lookup_siret(siret)), "sirene"
        except LookupFailed as failure:
            if not (name and commune):
                raise ValidationError({"siret": failure.message + TYPE_BY_HAND}) from None
    elif not (name and commune):
        raise ValidationError(
            {"siret": "Saisissez le SIRET de la structure, ou son nom et sa commune."}
        )
    structure = Structure(siret=siret or None, name=name, commune=commune)
    structure.save()
    return structure, "manual"
