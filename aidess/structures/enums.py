from django.db import models

from aidess.nomenclatures.vocabulary import SECTORS, SITUATIONS, text_choices_members

# Main field of activity, and the difficulties a structure can be in (aids may require one).
Sector = models.TextChoices("Sector", text_choices_members(SECTORS))
Situation = models.TextChoices("Situation", text_choices_members(SITUATIONS))


class Confirmation(models.TextChoices):
    """How a member's link to the structure was confirmed (an instructor reads it)."""

    FOUNDER = "founder", "Premier membre, non confirmé par un tiers"
    ADMIN_APPROVAL = "admin_approval", "Approuvé par un administrateur de la structure"
    OFFICERS_LIST = "officers_list", "Nommé dans la liste des dirigeants du dossier"
    SUPPORT_ORGANISATION = "support_organisation", "Confirmé par un organisme d'accompagnement"


class JoinStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    APPROVED = "approved", "Approuvée"
    REFUSED = "refused", "Refusée"
    CANCELLED = "cancelled", "Annulée"
