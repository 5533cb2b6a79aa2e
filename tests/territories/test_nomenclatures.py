import pytest

from aidess.nomenclatures.legal_forms import legal_form_for_category
from aidess.nomenclatures.models import LegalCategory, LegalForm


@pytest.mark.parametrize(
    ("code", "label", "expected"),
    [
        ("9220", "Association déclarée", "association"),
        ("9300", "Fondation", "foundation"),
        ("8210", "Mutuelle", "mutual"),
        ("5458", "SARL coopérative de production (SCOP)", "cooperative"),
        ("5710", "SAS, société par actions simplifiée", "commercial_company"),
        ("7120", "Service central d'un ministère", "other"),
        (
            "7349",
            "Autre établissement public local de coopération non spécialisé ou entente",
            "other",
        ),
    ],
)
def test_legal_form_for_category(code, label, expected):
    assert legal_form_for_category(code, label) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("9220", LegalForm.ASSOCIATION),
        ("9300", LegalForm.FOUNDATION),
        ("8210", LegalForm.MUTUAL),
        ("5458", LegalForm.COOPERATIVE),
        ("5710", LegalForm.COMMERCIAL_COMPANY),
        ("7120", LegalForm.OTHER),
        ("7349", LegalForm.OTHER),
    ],
)
def test_loaded_categories_carry_their_legal_form(code, expected):
    assert LegalCategory.objects.get(code=code).legal_form == expected


@pytest.mark.django_db
def test_every_legal_form_is_represented():
    forms = set(LegalCategory.objects.values_list("legal_form", flat=True))
    assert forms == set(LegalForm.values)
