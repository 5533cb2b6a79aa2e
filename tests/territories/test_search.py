import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aidess.territories.models import Commune
from aidess.territories.search import resolve

pytestmark = pytest.mark.django_db

SUGGESTIONS = reverse("territories:commune_suggestions")


def suggestions(client, **params):
    """The commune labels offered in the <datalist>, in order."""
    response = client.get(SUGGESTIONS, params)
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]+)"', response.content.decode())


def population(label):
    code = re.search(r"\(([0-9AB]{5})\)$", label)[1]
    return Commune.objects.get(code=code).population


@pytest.mark.parametrize(
    "typed", ["saint etienne", "Saint-Étienne", "SAINT ÉTIENNE", "saint-etienne"]
)
def test_suggestions_by_name_ignore_accents_case_and_hyphens(client, typed):
    labels = suggestions(client, q=typed)
    assert labels[0] == "Saint-Étienne (42218)"
    assert "Saint-Étienne-du-Rouvray (76575)" in labels


def test_suggestions_come_biggest_first_and_at_most_ten(client):
    labels = suggestions(client, q="saint")
    assert len(labels) == 10
    populations = [population(label) for label in labels]
    assert populations == sorted(populations, reverse=True)
    assert labels[:2] == ["Saint-Étienne (42218)", "Saint-Denis (97411)"]  # La Réunion


def test_suggestions_by_postal_code(client):
    assert suggestions(client, q="59000") == ["Lille (59350)"]
    assert suggestions(client, commune="75013") == ["Paris 13e Arrondissement (75113)"]


def test_suggestions_show_department_and_postal_codes(client):
    response = client.get(SUGGESTIONS, {"q": "59000"})
    assert "Nord — 59000, 59160, 59260, 59777, 59800" in response.content.decode()


def test_partial_postal_code_matches_the_start_of_postal_codes_only(client):
    labels = suggestions(client, q="1300")
    assert labels
    assert labels[0] == "Marseille 8e Arrondissement (13208)"
    for label in labels:
        commune = Commune.objects.get(code=re.search(r"\((\w+)\)$", label)[1])
        assert any(code.startswith("1300") for code in commune.postal_code_list), label
    assert "Toulouse (31555)" not in labels  # 31300 contains "1300" but does not start with it


def test_commune_field_name_is_accepted_by_the_suggestions(client):
    assert suggestions(client, commune="lille")[0] == "Lille (59350)"


@pytest.mark.parametrize("typed", ["", " ", "l", " 5 "])
def test_no_suggestions_below_two_characters(client, typed):
    assert suggestions(client, q=typed) == []


def test_suggestions_are_public_and_get_only(client):
    assert client.get(SUGGESTIONS, {"q": "lille"}).status_code == 200
    assert client.post(SUGGESTIONS, {"q": "lille"}).status_code == 405


@pytest.mark.parametrize("typed", ["Lille (59350)", "Lille", "lille", "  LILLE ", "59000", "59800"])
def test_resolve_finds_lille_from_what_people_type(typed):
    assert resolve(typed).code == "59350"


def test_resolve_by_insee_code():
    assert resolve("75113").name == "Paris 13e Arrondissement"


def test_insee_code_that_is_also_a_postal_code_offers_both_communes():
    # 59350 is Lille's INSEE code and Saint-André-lez-Lille's postal code.
    with pytest.raises(ValidationError) as error:
        resolve("59350")
    (message,) = error.value.messages
    assert "Lille (59350)" in message
    assert "Saint-André-lez-Lille (59527)" in message


def test_resolve_accepts_corsican_codes():
    assert resolve("Ajaccio (2A004)").name == "Ajaccio"
    assert resolve("2a004").name == "Ajaccio"


def test_resolve_rejects_an_unknown_commune_in_french():
    with pytest.raises(ValidationError) as error:
        resolve("Atlantide")
    assert error.value.messages == [
        "Commune inconnue : saisissez un nom ou un code postal puis choisissez dans la liste."
    ]


@pytest.mark.parametrize("typed", ["", "Lille (99999)", "00000"])
def test_resolve_rejects_empty_or_unknown_codes(typed):
    with pytest.raises(ValidationError, match="Commune inconnue"):
        resolve(typed)


def test_resolve_lists_candidates_for_an_ambiguous_name():
    with pytest.raises(ValidationError) as error:
        resolve("Saint-Denis")
    (message,) = error.value.messages
    assert message.startswith("Plusieurs communes correspondent (")
    assert message.endswith(": choisissez-en une dans la liste.")
    listed = re.findall(r"Saint-Denis \((\w{5})\)", message)
    assert sorted(listed) == sorted(
        Commune.objects.selectable().filter(name="Saint-Denis").values_list("code", flat=True)
    )
    assert "97411" in listed  # La Réunion


def test_resolve_lists_at_most_five_candidates():
    assert Commune.objects.selectable().filter(name="Sainte-Marie").count() > 5
    with pytest.raises(ValidationError) as error:
        resolve("Sainte-Marie")
    (message,) = error.value.messages
    assert len(re.findall(r"Sainte-Marie \(\w{5}\)", message)) == 5


def test_resolve_does_not_offer_delegated_communes():
    # Arbignieu is only a delegated commune (01015 is Arboys en Bugey).
    with pytest.raises(ValidationError, match="Commune inconnue"):
        resolve("Arbignieu")
