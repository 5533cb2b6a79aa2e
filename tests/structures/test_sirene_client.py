"""The client of the API Recherche d'entreprises, against real local servers replaying real answers."""

import socket
import time
from datetime import date

import pytest

from aidess.structures.sirene import LookupFailed, lookup_siret


def test_recorded_association_is_read_from_its_head_office(sirene_api):
    record = lookup_siret("80032984900023")

    assert record.siret == "80032984900023"
    assert record.name == "THEATRE STEPHANE GILDAS"
    assert record.legal_category_code == "9220"
    assert record.naf_code == "90.01Z"
    assert record.commune_code == "75113"
    assert record.rna_number == "W751222623"
    assert record.is_ess is True
    assert record.is_association is True
    assert record.is_ceased is False
    assert record.creation_date == date(2013, 12, 18)


def test_centre_social_recognised_of_public_utility(sirene_api):
    record = lookup_siret("33836505900017")

    assert record.name == "CENTRE SOCIAL 'CAP DE TOUT'"
    assert record.legal_category_code == "9230"
    assert record.naf_code == "88.99B"
    assert record.commune_code == "64373"
    assert record.rna_number == "W643000551"
    assert record.is_ess is True
    assert record.is_association is True


def test_ceased_association_is_flagged(sirene_api):
    record = lookup_siret("84201905100015")

    assert record.name == "MANAKIN PRODUCTION"
    assert record.is_association is True
    assert record.is_ceased is True


def test_company_outside_the_social_economy(sirene_api):
    record = lookup_siret("55203253400703")

    assert record.name == "DANONE"
    assert record.legal_category_code == "5599"
    assert record.is_association is False
    assert record.is_ess is False
    assert record.rna_number == ""
    assert record.is_ceased is False


def test_association_without_rna_number(sirene_api):
    record = lookup_siret("38365746700023")

    assert record.name == "ASSOCIATION GANYMEDE"
    assert record.is_association is True
    assert record.rna_number == ""


def test_secondary_establishment_keeps_the_typed_siret(sirene_api):
    """A secondary site's SIRET gets the legal unit's data, but the SIRET stays the one typed."""
    record = lookup_siret("80032984900031")

    assert record.siret == "80032984900031"
    assert record.name == "THEATRE STEPHANE GILDAS"
    assert record.commune_code == "75113"


def test_unknown_siret_is_reported_in_french(sirene_api):
    with pytest.raises(LookupFailed) as failure:
        lookup_siret("12345678900003")

    assert "introuvable" in failure.value.message
    assert "répertoire Sirene" in failure.value.message


def test_request_identifies_the_service_and_asks_for_the_siret(sirene_api):
    lookup_siret("80032984900023")

    assert len(sirene_api.requests) == 1
    path, query, user_agent = sirene_api.requests[0]
    assert path == "/search"
    assert query == "80032984900023"
    assert user_agent and user_agent.startswith("AidESS")
    assert "python-httpx" not in user_agent


def test_silent_service_gives_up_quickly(sirene_api_silent):
    started = time.monotonic()
    with pytest.raises(LookupFailed) as failure:
        lookup_siret("80032984900023")

    assert time.monotonic() - started < 3
    assert "trop de temps" in failure.value.message
    assert "Complétez le formulaire vous-même" in failure.value.message


def test_service_errors_become_french_messages(sirene_api_failing):
    with pytest.raises(LookupFailed) as failure:
        lookup_siret("80032984900023")

    expected = {429: "trop de demandes", 500: "momentanément indisponible"}
    assert expected[sirene_api_failing.mode] in failure.value.message
    assert "complétez le formulaire vous-même" in failure.value.message.lower()
    assert len(sirene_api_failing.requests) == 1


def test_unreachable_service_is_reported_in_french():
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    with pytest.raises(LookupFailed) as failure:
        lookup_siret("80032984900023", base_url=f"http://127.0.0.1:{port}", timeout=2)

    assert "injoignable" in failure.value.message
