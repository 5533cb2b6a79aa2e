"""Client of the public API Recherche d'entreprises (DINUM), used to prefill a structure's profile.

Every failure becomes a `LookupFailed` with a French message the form shows as it is, so a person can
always fall back to typing the profile by hand.
"""

import functools
import logging
import ssl
from dataclasses import dataclass
from datetime import date

import certifi
import httpx
from django.conf import settings

logger = logging.getLogger(__name__)
USER_AGENT = "AidESS (service public d'aide aux structures de l'ESS)"


class LookupFailed(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CompanyRecord:
    """What the profile form needs from one `results[]` item of `GET /search`."""

    siret: str
    name: str
    legal_category_code: str
    naf_code: str
    commune_code: str
    is_ess: bool
    is_association: bool
    rna_number: str
    is_ceased: bool
    creation_date: date | None


def record_from_result(siret, result):
    """Head-office data of the legal unit; `siret` is kept as typed (it may be a secondary site)."""
    head_office = result.get("siege") or {}
    complements = result.get("complements") or {}
    created = result.get("date_creation")
    return CompanyRecord(
        siret=siret,
        name=result.get("nom_raison_sociale") or result.get("nom_complet") or "",
        legal_category_code=result.get("nature_juridique") or "",
        naf_code=result.get("activite_principale") or "",
        commune_code=head_office.get("commune") or "",
        is_ess=bool(complements.get("est_ess")),
        is_association=bool(complements.get("est_association")),
        rna_number=complements.get("identifiant_association") or "",
        is_ceased=result.get("etat_administratif") == "C",
        creation_date=date.fromisoformat(created) if created else None,
    )


@functools.cache
def tls_context():
    """One certificate store per process: by default httpx reads the CA bundle again for every
    request (about 30 ms of CPU per lookup)."""
    return ssl.create_default_context(cafile=certifi.where())


def lookup_siret(siret, *, base_url=None, timeout=None):
    """Return the CompanyRecord of a valid SIRET, or raise LookupFailed."""
    base_url = base_url or settings.RECHERCHE_ENTREPRISES_URL
    timeout = timeout if timeout is not None else settings.RECHERCHE_ENTREPRISES_TIMEOUT
    try:
        response = httpx.get(
            f"{base_url.rstrip('/')}/search",
            params={"q": siret, "page": 1, "per_page": 1},
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            timeout=timeout,
            verify=tls_context(),
        )
    except httpx.TimeoutException:
        raise LookupFailed(
            "Le service de recherche d'entreprises met trop de temps à répondre. "
            "Complétez le formulaire vous-même ou réessayez dans quelques minutes."
        ) from None
    except httpx.HTTPError as error:
        logger.warning("API Recherche d'entreprises unreachable: %s", error)
        raise LookupFailed(
            "Le service de recherche d'entreprises est injoignable. "
            "Complétez le formulaire vous-même ou réessayez plus tard."
        ) from None
    if response.status_code == 429:
        raise LookupFailed(
            "Le service de recherche d'entreprises reçoit trop de demandes. "
            "Réessayez dans quelques secondes ou complétez le formulaire vous-même."
        )
    if response.status_code != 200:
        logger.warning("API Recherche d'entreprises answered %s", response.status_code)
        raise LookupFailed(
            "Le service de recherche d'entreprises est momentanément indisponible. "
            "Complétez le formulaire vous-même ou réessayez plus tard."
        )
    try:
        results = response.json().get("results") or []
    except ValueError:
        raise LookupFailed(
            "Le service de recherche d'entreprises a renvoyé une réponse illisible. "
            "Complétez le formulaire vous-même."
        ) from None
    for result in results:
        if result.get("siren") == siret[:9]:
            return record_from_result(siret, result)
    raise LookupFailed(
        "Ce SIRET est introuvable dans le répertoire Sirene : vérifiez-le, "
        "ou complétez le formulaire vous-même."
    )
