"""Read a profile sent as JSON (API) into an engine Profile, with French messages for bad input."""

import datetime
from decimal import Decimal, InvalidOperation

from aidess.eligibility.engine import Profile
from aidess.eligibility.profiles import legal_form_of_category, place_codes
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS
from aidess.territories.models import Commune

FIELDS = {
    "legal_category", "legal_form", "ess", "esus", "iae", "employees_fte", "annual_budget_eur",
    "public_funding_share", "sector", "commune", "situations", "creation_date", "include_closed",
}  # fmt: skip


LARGEST = Decimal("1e12")  # above any budget a structure profile stores (14 digits, 2 decimals)
PRECISION = Decimal("1e-6")


class InvalidRequest(Exception):
    def __init__(self, errors):
        super().__init__("Requête invalide")
        self.errors = errors  # {field: French message}


def read_bool(value, name, errors):
    if value is None or isinstance(value, bool):
        return value
    errors[name] = "Valeur attendue : true ou false."
    return None


def read_number(value, name, errors, maximum=None):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        errors[name] = "Valeur attendue : un nombre."
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        errors[name] = f"« {value} » n'est pas un nombre."
        return None
    if not number.is_finite():  # NaN, Infinity
        errors[name] = f"« {value} » n'est pas un nombre."
        return None
    if number < 0 or (maximum is not None and number > maximum):
        bound = f" et {maximum}" if maximum is not None else ""
        errors[name] = (
            f"La valeur doit être comprise entre 0{bound}."
            if bound
            else ("La valeur ne peut pas être négative.")
        )
        return None
    if number >= LARGEST:  # "1e5000" would make the reasons' formatting fail or take minutes
        errors[name] = "La valeur est trop grande."
        return None
    return number.quantize(PRECISION)  # "1e-999999999" would too


def read_choice(value, name, vocabulary, errors):
    if value is None:
        return None
    if not isinstance(value, str) or value not in vocabulary:  # a list or an object: unhashable
        errors[name] = f"Valeur inconnue « {value} ». Valeurs possibles : {', '.join(vocabulary)}."
        return None
    return value


def read_profile(data):
    """(Profile, include_closed) from a decoded JSON object; InvalidRequest lists every error."""
    if not isinstance(data, dict):
        raise InvalidRequest({"body": "Le corps de la requête doit être un objet JSON."})
    errors = {}
    for name in sorted(set(data) - FIELDS):
        errors[name] = "Champ inconnu."
    legal_form = read_choice(data.get("legal_form"), "legal_form", LEGAL_FORMS, errors)
    category = data.get("legal_category")
    if category is not None:
        derived = legal_form_of_category(category) if isinstance(category, str) else None
        if derived is None:
            errors["legal_category"] = (
                f"Catégorie juridique INSEE inconnue « {category} » (4 chiffres, ex. 9220)."
            )
        legal_form = legal_form or derived
    situations = data.get("situations")
    if situations is not None:
        if not isinstance(situations, list):
            errors["situations"] = "Valeur attendue : une liste."
            situations = None
        else:
            unknown = [
                item for item in situations if not isinstance(item, str) or item not in SITUATIONS
            ]
            if unknown:
                errors["situations"] = (
                    f"Situation inconnue : {', '.join(map(str, unknown))}. "
                    f"Valeurs possibles : {', '.join(SITUATIONS)}."
                )
            situations = frozenset(item for item in situations if isinstance(item, str))
    places = {}
    commune_code = data.get("commune")
    if commune_code is not None:
        commune = (
            Commune.objects.selectable().filter(code=commune_code).first()
            if isinstance(commune_code, str)
            else None
        )
        if commune is None:
            errors["commune"] = (
                f"Commune inconnue « {commune_code} » (code INSEE attendu, ex. 23008)."
            )
        places = place_codes(commune)
    creation_date = data.get("creation_date")
    if creation_date is not None:
        try:
            creation_date = datetime.date.fromisoformat(str(creation_date))
        except ValueError:
            errors["creation_date"] = "Date attendue au format AAAA-MM-JJ."
            creation_date = None
    share = read_number(data.get("public_funding_share"), "public_funding_share", errors, 1)
    profile = Profile(
        legal_form=legal_form,
        ess=read_bool(data.get("ess"), "ess", errors),
        esus=read_bool(data.get("esus"), "esus", errors),
        iae=read_bool(data.get("iae"), "iae", errors),
        employees_fte=read_number(data.get("employees_fte"), "employees_fte", errors),
        annual_budget_eur=read_number(data.get("annual_budget_eur"), "annual_budget_eur", errors),
        public_funding_share=share * 100 if share is not None else None,
        sector=read_choice(data.get("sector"), "sector", SECTORS, errors),
        situations=situations,
        creation_date=creation_date,
        **places,
    )
    include_closed = read_bool(data.get("include_closed", False), "include_closed", errors)
    if errors:
        raise InvalidRequest(errors)
    return profile, bool(include_closed)
