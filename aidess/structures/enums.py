from django.db import models


class Sector(models.TextChoices):
    """Main field of activity; the vocabulary the eligibility API exposes."""

    CULTURE = "culture", "Culture"
    SPORT = "sport", "Sport"
    HEALTH_SOCIAL = "health_social", "Santé, médico-social"
    SOCIAL_ANIMATION = "social_animation", "Animation sociale"
    EMPLOYMENT_INSERTION = "employment_insertion", "Emploi, insertion"
    ENVIRONMENT = "environment", "Environnement"
    EDUCATION = "education", "Éducation, formation"
    FOOD = "food", "Alimentation"
    CIRCULAR_ECONOMY = "circular_economy", "Économie circulaire"
    MOBILITY = "mobility", "Mobilité"
    HOUSING = "housing", "Logement"
    OTHER = "other", "Autre"
