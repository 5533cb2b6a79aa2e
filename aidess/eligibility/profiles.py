"""Engine profiles from a saved structure or from an API / simulation request."""

from aidess.eligibility.engine import Profile
from aidess.nomenclatures.models import LegalCategory


def profile_of(structure):
    """Profile of a saved structure (select_related commune; prefetch situations for lists)."""
    commune = structure.commune
    declared = structure.situations_declared_at is not None or bool(structure.situations.all())
    return Profile(
        legal_form=structure.legal_form or None,
        ess=structure.is_ess,
        esus=structure.is_esus,
        iae=structure.is_iae,
        employees_fte=structure.employees_fte,
        annual_budget_eur=structure.annual_budget_eur,
        public_funding_share=structure.public_funding_share,
        sector=structure.sector or None,
        commune_code=commune.code if commune else None,
        epci_code=commune.epci_id if commune else None,
        department_code=structure.department_id,
        region_code=structure.region_id,
        situations=frozenset(item.situation for item in structure.situations.all())
        if declared
        else None,
        creation_date=structure.creation_date,
    )


def legal_form_of_category(code):
    category = LegalCategory.objects.filter(code=code).first()
    return category.legal_form if category else None


def place_codes(commune):
    """Codes the engine needs for a commune: itself, its EPCI, department and region."""
    if commune is None:
        return {}
    return {
        "commune_code": commune.code,
        "epci_code": commune.epci_id,
        "department_code": commune.department_id,
        "region_code": commune.region_id,
    }
