"""The needs a self-diagnosis finds, in the vocabulary the catalog and the ranking share
(`aids.enums.Need`): Mes aides starts from them, the structure may then change its choice."""

from aidess.diagnosis.models import Diagnosis
from aidess.diagnosis.permissions import can_read_finances

# assessment.NEED_LABELS key -> Need values (strings: the diagnosis does not depend on the catalog).
DIAGNOSIS_NEEDS = {
    "cash": ("cash",),  # « Trésorerie : passer les prochains mois »
    "funding": ("activity_funding",),  # « Financement : remplacer les ressources perdues »
    "strategy": ("advice", "restructuring"),  # « Stratégie : revoir le modèle économique »
    "hr": ("employment",),  # « Ressources humaines : préserver les emplois »
    "governance": ("advice",),  # « Gouvernance et bénévolat : remobiliser »
    "mediation": ("payment_dispute",),  # « Médiation : régler un différend ou un retard… »
}


def needs_of_assessment(assessment):
    return frozenset(need for found in assessment.needs for need in DIAGNOSIS_NEEDS[found])


def latest_needs(structure, user):
    """Needs of the structure's last completed self-diagnosis; empty without one, or for a user
    who may not read the structure's finances (the needs would tell what the diagnosis found)."""
    if not can_read_finances(user, structure):
        return frozenset()
    diagnosis = (
        Diagnosis.objects.filter(structure=structure, completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .first()
    )
    return needs_of_assessment(diagnosis.assessment()) if diagnosis else frozenset()
