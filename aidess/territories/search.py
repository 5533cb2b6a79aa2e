"""Find a commune from what a person types: a name, a postal code or an INSEE code."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import Q

from aidess.territories.models import Commune

LABEL_WITH_CODE = re.compile(r"\((?P<code>\d[0-9AB]\d{3})\)\s*$")
POSTAL_OR_INSEE_CODE = re.compile(r"^\d[0-9AB]\d{3}$")


def normalize(text):
    """Lower-case, accent-free, hyphens and apostrophes as spaces: "Saint-Étienne" → "saint etienne"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(re.sub(r"[-'’]", " ", ascii_text).split())


def suggest(query, limit=10):
    """Communes matching the start of a name or of a postal code, biggest first."""
    query = query.strip()
    communes = Commune.objects.selectable().select_related("department")
    if not query:
        return []
    if query[0].isdigit():
        # Postal codes are stored "59000|59160": match the start of one of them, not any digits.
        matches = communes.filter(
            Q(postal_codes__startswith=query)
            | Q(postal_codes__contains=f"|{query}")
            | Q(code=query)
        )
    else:
        matches = communes.filter(search_name__startswith=normalize(query))
    return list(matches.order_by("-population")[:limit])


def resolve(text, codes_are_insee=False):
    """The single commune meant by `text`, or a ValidationError with a French message.

    People type postal codes, which may also be another commune's INSEE code: that is ambiguous.
    API clients send INSEE codes (`codes_are_insee`): an exact INSEE code wins there.
    """
    text = (text or "").strip()
    match = LABEL_WITH_CODE.search(text)
    communes = Commune.objects.selectable()
    if codes_are_insee and not match and communes.filter(code=text.upper()).exists():
        return communes.get(code=text.upper())
    if match:
        candidates = list(communes.filter(code=match["code"]))
    elif POSTAL_OR_INSEE_CODE.match(text.upper()):
        # An INSEE code may be other communes' postal code (23200: Saint-Goussaud / Aubusson…).
        code = text.upper()
        found = list(communes.filter(Q(code=code) | Q(postal_codes__contains=code)))  # one query
        candidates = [commune for commune in found if commune.code == code] + [
            commune
            for commune in found
            if commune.code != code and code in commune.postal_code_list
        ]
    else:
        candidates = list(communes.filter(search_name=normalize(text)))
    if not candidates:
        raise ValidationError(
            "Commune inconnue : saisissez un nom ou un code postal puis choisissez dans la liste.",
            code="unknown_commune",
        )
    if len(candidates) > 1:
        names = ", ".join(commune.label for commune in candidates[:5])
        more = "…" if len(candidates) > 5 else ""
        raise ValidationError(
            f"Plusieurs communes correspondent ({names}{more}) : choisissez-en une dans la liste.",
            code="ambiguous_commune",
        )
    return candidates[0]
