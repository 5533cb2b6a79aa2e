"""What the ways in share: a cell's text read as a value (French number, date, yes/no, a cause
or urgency by code or label), the structure behind a SIRET (known, else created from the
Sirene lookup), and the cell an alert belongs to (the regional cell of the structure's region).
Each reader raises `Refused` with the French reason a row report or an API error shows."""

import datetime
from decimal import Decimal, InvalidOperation

from stdnum.fr import siret as stdnum_siret

from aidess.core.dates import out_of_range
from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.organizations.enums import ScopeLevel
from aidess.structures.models import Structure
from aidess.structures.sirene import LookupFailed, lookup_siret
from aidess.territories.models import Commune
from aidess.watch.cells import regional_cell_of
from aidess.watch.enums import AlertCause, Urgency
from aidess.watch.intake.tables import normalized

MAX_AMOUNT = Decimal("1000000000000")
MAX_FTE = Decimal("100000")
YES = {"oui", "o", "vrai", "true", "1", "x", "yes", "confidentiel", "confidentielle"}
NO = {"", "non", "n", "faux", "false", "0", "no"}
OUTSIDE_ZONE = "Structure hors du territoire de la cellule ({place})."


class Refused(Exception):
    def __init__(self, message, field=""):
        super().__init__(message)
        self.message, self.field = message, field


class OutsideZone(Refused):
    """The structure lies outside the cell's zone (a 403 for the API)."""


def clean_siret(value):
    compact = stdnum_siret.compact(str(value or ""))
    if not compact:
        raise Refused("SIRET manquant.", "siret")
    if not compact.isdigit() or len(compact) != 14:
        raise Refused(f"SIRET « {value} » invalide : 14 chiffres attendus.", "siret")
    if not stdnum_siret.is_valid(compact):
        raise Refused(
            f"SIRET « {value} » invalide (clé de contrôle incorrecte) : vérifiez les chiffres.",
            "siret",
        )
    return compact


def decimal_of(text, what, maximum, places=2, allow_negative=False):
    """A French number (« 12 500,50 », « 12500.5 € ») or None when empty."""
    cleaned = "".join(str(text or "").split()).replace("€", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise Refused(f"{what} « {text} » : nombre attendu.") from None
    if not number.is_finite():
        raise Refused(f"{what} « {text} » : nombre attendu.")
    if number < 0 and not allow_negative:
        raise Refused(f"{what} « {text} » : nombre positif attendu.")
    if abs(number) >= maximum:
        raise Refused(f"{what} « {text} » : valeur trop grande.")
    step = Decimal(1).scaleb(-places)
    if number != number.quantize(step):
        raise Refused(f"{what} « {text} » : {places} décimale(s) au plus.")
    return number.quantize(step)


def date_of(text, what):
    """AAAA-MM-JJ or JJ/MM/AAAA (XLSX dates come as the first), or None when empty."""
    text = str(text or "").strip()
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            value = datetime.date(year, month, day)
        else:
            value = datetime.date.fromisoformat(text[:10])
    except ValueError:
        raise Refused(f"{what} « {text} » : date attendue (JJ/MM/AAAA ou AAAA-MM-JJ).") from None
    bounds = out_of_range(value.year)
    if bounds:
        raise Refused(f"{what} « {text} » : {bounds}")
    return value


def flag_of(text, what):
    value = normalized(text)
    if value in YES:
        return True
    if value in NO:
        return False
    raise Refused(f"{what} « {text} » : « oui » ou « non » attendu.")


def choice_of(choices, text, what, default=None, aliases=None):
    """A member of `choices` by its code or French label (accents and case ignored)."""
    value = normalized(text)
    if not value:
        if default is None:
            raise Refused(f"{what} manquante.")
        return default
    known = {normalized(member.value): member for member in choices}
    known |= {normalized(member.label): member for member in choices}
    known |= {normalized(alias): member for alias, member in (aliases or {}).items()}
    if value in known:
        return known[value]
    raise Refused(
        f"{what} « {text} » inconnue. Valeurs possibles : "
        + ", ".join(f"{m.value} ({m.label})" for m in choices)
        + "."
    )


CAUSE_ALIASES = {
    "baisse financement etat": AlertCause.STATE_FUNDING_CUT,
    "baisse financement collectivite": AlertCause.LOCAL_FUNDING_CUT,
    "retards de paiement": AlertCause.LATE_PUBLIC_PAYMENTS,
    "dettes sociales": AlertCause.SOCIAL_TAX_DEBTS,
    "dettes fiscales": AlertCause.SOCIAL_TAX_DEBTS,
    "crise de gouvernance": AlertCause.GOVERNANCE_CRISIS,
}
URGENCY_ALIASES = {
    "immediate": Urgency.IMMEDIATE,
    "forte": Urgency.HIGH,
    "moyenne": Urgency.MEDIUM,
    "faible": Urgency.LOW,
}


def cause_of(text):
    return choice_of(AlertCause, text, "Cause", aliases=CAUSE_ALIASES)


def urgency_of(text):
    return choice_of(Urgency, text, "Urgence", default=Urgency.MEDIUM, aliases=URGENCY_ALIASES)


def place_of(structure):
    if structure.department_id:
        return f"département {structure.department_id}"
    return "commune inconnue"


def check_zone(cell, structure):
    if not cell.territorial_scope().covers(structure.region_id, structure.department_id):
        raise OutsideZone(OUTSIDE_ZONE.format(place=place_of(structure)), "siret")


def structure_from_siret(siret, cell, lookup=True):
    """The structure of `siret` inside `cell`'s zone: known to AidESS, else (when `lookup`)
    created from the Sirene lookup; `Refused` with the reason otherwise."""
    structure = Structure.objects.filter(siret=siret).first()
    if structure is None:
        if not lookup:
            raise Refused(
                "Structure inconnue d'AidESS : les indicateurs ne s'attachent qu'aux structures "
                "déjà connues.",
                "siret",
            )
        try:
            record = lookup_siret(siret)
        except LookupFailed as failure:
            raise Refused(f"Structure inconnue d'AidESS. {failure.message}", "siret") from None
        structure = Structure(siret=siret, name=record.name[:250] or siret, is_ess=record.is_ess)
        structure.legal_category = LegalCategory.objects.filter(
            code=record.legal_category_code
        ).first()
        structure.naf_activity = NafActivity.objects.filter(code=record.naf_code).first()
        structure.commune = Commune.objects.filter(code=record.commune_code).first()
        structure.creation_date = record.creation_date
        structure.sync_derived_fields()
        check_zone(cell, structure)
        structure.save()
        return structure
    check_zone(cell, structure)
    return structure


def owning_cell(cell, structure):
    """The cell an alert sent by `cell` belongs to: itself when regional; for the national
    cell, the regional cell of the structure's region when there is one."""
    if cell.scope_level == ScopeLevel.REGIONAL:
        return cell
    return regional_cell_of(structure) or cell
