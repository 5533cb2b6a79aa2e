"""The DLA's five steps (seed 004_67f79366cd653dad.txt) and the vocabularies of a pathway."""

from django.db import models


class Step(models.TextChoices):
    WELCOME = "welcome", "1. Accueil"
    DIAGNOSIS = "diagnosis", "2. Diagnostic partagé"
    PLAN = "plan", "3. Construction du parcours"
    COORDINATION = "coordination", "4. Coordination du parcours"
    FOLLOW_UP = "follow_up", "5. Suivi et consolidation"


STEP_ORDER = list(Step)


class PathwayKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individuel"
    COLLECTIVE = "collective", "Collectif"


class PathwayStatus(models.TextChoices):
    ACTIVE = "active", "En cours"
    COMPLETED = "completed", "Terminé"
    ABANDONED = "abandoned", "Interrompu"


class ActionKind(models.TextChoices):
    BY_STRUCTURE = "structure", "Par la structure"
    LOCAL_ACTOR = "local_actor", "Par un acteur local"
    CONSULTANT = "consultant", "Par un prestataire externe (ingénierie DLA)"
    COLLECTIVE = "collective", "Action collective (plusieurs structures)"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Prévue"
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Réalisée"
    CANCELLED = "cancelled", "Annulée"
