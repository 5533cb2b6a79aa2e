"""Vocabularies that describe a structure, shared by the Django models and the pure eligibility
engine (no Django import here): legal forms, sectors, situations.

Values are the API's; labels are what people read. Django enums are built from these dicts.
"""

LEGAL_FORMS = {
    "association": "Association",
    "cooperative": "Coopérative",
    "mutual": "Mutuelle",
    "foundation": "Fondation",
    "commercial_company": "Société commerciale",
    "other": "Autre",
}

SECTORS = {
    "culture": "Culture",
    "sport": "Sport",
    "health_social": "Santé, médico-social",
    "social_animation": "Animation sociale",
    "employment_insertion": "Emploi, insertion",
    "environment": "Environnement",
    "education": "Éducation, formation",
    "food": "Alimentation",
    "circular_economy": "Économie circulaire",
    "mobility": "Mobilité",
    "housing": "Logement",
    "other": "Autre",
}

SITUATIONS = {
    "activity_stopped": "Activité arrêtée",
    "activity_reduced": "Activité réduite",
    "revenue_loss": "Baisse des ressources",
    "public_funding_cut": "Baisse ou perte d'un financement public",
    "late_payments": "Retards de paiement d'un financeur public",
    "cash_shortfall": "Manque de trésorerie",
    "volunteer_demobilisation": "Démobilisation des bénévoles",
    "dispute": "Différend avec un client ou un financeur",
    "covid_crisis": "Crise sanitaire",
}


def text_choices_members(vocabulary):
    """Members for `models.TextChoices("Name", members)`: CULTURE = ("culture", "Culture")."""
    return [(value.upper(), (value, label)) for value, label in vocabulary.items()]
