"""A SIRET as typed, checked with French messages: the structure form's and the anonymous
request for help's (orientation) one rule."""

from django.core.exceptions import ValidationError
from stdnum.fr import siret as stdnum_siret


def clean_siret_value(value):
    """Normalise a SIRET as typed ("800 329 849 00023") and explain in French what is wrong."""
    compact = stdnum_siret.compact(value or "")
    if not compact:
        return ""
    if not compact.isdigit():
        raise ValidationError("Le SIRET ne contient que des chiffres.", code="siret_digits")
    if len(compact) != 14:
        raise ValidationError(
            f"Le SIRET compte 14 chiffres ; vous en avez saisi {len(compact)}.",
            code="siret_length",
        )
    if not stdnum_siret.is_valid(compact):
        raise ValidationError(
            "Ce SIRET n'est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres.",
            code="siret_checksum",
        )
    return compact
