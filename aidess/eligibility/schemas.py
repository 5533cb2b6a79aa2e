"""A profile sent to the API, read into an engine Profile with a French message per bad field;
the verdicts it gets back."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, PlainValidator, StrictBool, WithJsonSchema, WrapValidator

from aidess.aids.enums import Need
from aidess.core.api import Input, one_of, refuse
from aidess.eligibility import engine
from aidess.eligibility.profiles import legal_form_of_category, place_codes
from aidess.nomenclatures.vocabulary import LEGAL_FORMS, SECTORS, SITUATIONS
from aidess.territories.models import Commune

LARGEST = Decimal("1e12")  # above any budget a structure profile stores (14 digits, 2 decimals)
PRECISION = Decimal("1e-6")


def quantity(maximum=None):
    """A number ≥ 0 (JSON number or text), at most `maximum`, rounded to 6 decimals: "1e5000"
    would make the reasons' formatting fail or take minutes, "1e-999999999" too."""

    def check(value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise refuse("Valeur attendue : un nombre.")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise refuse(f"« {value} » n'est pas un nombre.") from None
        if not number.is_finite():  # NaN, Infinity
            raise refuse(f"« {value} » n'est pas un nombre.")
        if maximum is not None and not 0 <= number <= maximum:
            raise refuse(f"La valeur doit être comprise entre 0 et {maximum}.")
        if number < 0:
            raise refuse("La valeur ne peut pas être négative.")
        if number >= LARGEST:
            raise refuse("La valeur est trop grande.")
        return number.quantize(PRECISION)

    schema = {"type": ["number", "string", "null"], "minimum": 0}
    if maximum is not None:
        schema["maximum"] = maximum
    return Annotated[Decimal | None, PlainValidator(check), WithJsonSchema(schema)]


def known_category(value, handler):
    code = value if isinstance(value, str) else None
    if code is None or legal_form_of_category(code) is None:
        raise refuse(f"Catégorie juridique INSEE inconnue « {value} » (4 chiffres, ex. 9220).")
    return handler(code)


def known_commune(value, handler):
    if value is None:
        raise refuse("Valeur attendue : un code INSEE (texte, ex. 23008).")
    if not isinstance(value, str) or not Commune.objects.selectable().filter(code=value).exists():
        raise refuse(f"Commune inconnue « {value} » (code INSEE attendu, ex. 23008).")
    return handler(value)


def known_situations(value, handler):
    if not isinstance(value, list):
        raise refuse("Valeur attendue : une liste.")
    unknown = [item for item in value if not isinstance(item, str) or item not in SITUATIONS]
    if unknown:
        raise refuse(
            f"Situation inconnue : {', '.join(map(str, unknown))}. "
            f"Valeurs possibles : {', '.join(SITUATIONS)}."
        )
    return handler(value)


def known_needs(value, handler):
    if not isinstance(value, list):
        raise refuse("Valeur attendue : une liste.")
    unknown = [item for item in value if not isinstance(item, str) or item not in Need.values]
    if unknown:
        raise refuse(
            f"Besoin inconnu : {', '.join(map(str, unknown))}. "
            f"Valeurs possibles : {', '.join(Need.values)}."
        )
    return handler(value)


def iso_date(value, handler):
    try:
        return handler(datetime.date.fromisoformat(value))
    except (TypeError, ValueError):
        raise refuse("Date attendue au format AAAA-MM-JJ.") from None


class Profile(Input):
    """What the engine knows of a structure, as an API caller describes it."""

    about = (
        "Chaque champ est facultatif : un champ absent rend « inconnus » les "
        "critères qui en ont besoin, jamais une erreur. Un champ envoyé à null est refusé, "
        "sauf les nombres."
    )

    invalid = "Profil invalide."
    not_an_object = "Le corps de la requête doit être un objet JSON."

    legal_category: Annotated[
        str,
        Field(pattern=r"^\d{4}$", description="Catégorie juridique INSEE (niveau III), ex. 9220."),
        WrapValidator(known_category),
    ] = None
    legal_form: Annotated[
        one_of(LEGAL_FORMS), Field(description="Déduite de legal_category si absente.")
    ] = None
    ess: StrictBool = None
    esus: StrictBool = None
    iae: StrictBool = None
    employees_fte: quantity() = None
    annual_budget_eur: quantity() = None
    public_funding_share: Annotated[
        quantity(maximum=1), Field(description="Part des financements publics, entre 0 et 1.")
    ] = None
    sector: one_of(SECTORS) = None
    commune: Annotated[
        str,
        Field(description="Code INSEE de la commune du siège."),
        WrapValidator(known_commune),
    ] = None
    situations: Annotated[list[Literal[tuple(SITUATIONS)]], WrapValidator(known_situations)] = None
    creation_date: Annotated[datetime.date, WrapValidator(iso_date)] = None
    needs: Annotated[
        list[Literal[tuple(Need.values)]],
        Field(description="Besoins déclarés : ils classent les aides (rang et pertinence)."),
        WrapValidator(known_needs),
    ] = None
    include_closed: StrictBool = False

    def to_engine(self):
        """The engine's Profile; the legal form is derived from the category when absent."""
        legal_form = self.legal_form
        if legal_form is None and self.legal_category is not None:
            legal_form = legal_form_of_category(self.legal_category)
        commune = (
            Commune.objects.filter(code=self.commune).first() if self.commune is not None else None
        )
        share = self.public_funding_share
        return engine.Profile(
            legal_form=legal_form,
            ess=self.ess,
            esus=self.esus,
            iae=self.iae,
            employees_fte=self.employees_fte,
            annual_budget_eur=self.annual_budget_eur,
            public_funding_share=share * 100 if share is not None else None,
            sector=self.sector,
            situations=frozenset(self.situations) if self.situations is not None else None,
            creation_date=self.creation_date,
            **place_codes(commune),
        )


class Criterion(Schema):
    code: str
    verdict: Literal["met", "unmet", "unknown"]
    reason: str


class Verdict(Schema):
    aid: str = Field(description="Identifiant (slug) de l'aide.")
    name: str
    verdict: Literal["eligible", "ineligible", "to_confirm"]
    open: bool
    near_miss: bool = Field(description="Un seul critère non rempli.")
    rank: int = Field(ge=1, description="Rang par pertinence pour ce profil (1 = la plus utile).")
    relevance: str = Field(
        description="Pourquoi l'aide est classée là, en une ligne ; vide pour une aide générale."
    )
    criteria: list[Criterion]


class Verdicts(Schema):
    results: list[Verdict]
