from django.db import models


class AidKind(models.TextChoices):
    GRANT = "grant", "Subvention"
    LOAN = "loan", "Prêt"
    REPAYABLE_ADVANCE = "repayable_advance", "Avance remboursable"
    GUARANTEE = "guarantee", "Garantie"
    EQUITY = "equity", "Fonds propres, contrat d'apport associatif"
    SUPPORT = "support", "Accompagnement, ingénierie"
    MEDIATION = "mediation", "Médiation"
    LISTENING = "listening", "Écoute et orientation"


class AmountKind(models.TextChoices):
    NONE = "none", "Sans montant (service)"
    FLAT = "flat", "Montant forfaitaire"
    RANGE = "range", "Fourchette"
    RATE = "rate", "Taux d'un budget"


class Recurrence(models.TextChoices):
    PERMANENT = "permanent", "Permanente"
    RECURRING = "recurring", "Récurrente"
    ONE_OFF = "one_off", "Ponctuelle"


class AidStatus(models.TextChoices):
    """People change it only through `moderation.AID_LIFECYCLE` (who may what, logged); the
    seeds and imports set it when they load an aid."""

    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Soumise à modération"
    REFUSED = "refused", "Refusée"
    PUBLISHED = "published", "Publiée"
    CLOSED = "closed", "Clôturée"
    ARCHIVED = "archived", "Archivée"


class AidSource(models.TextChoices):
    SEED = "seed", "Dispositif national (documents sources)"
    PROVIDER = "provider", "Publiée par un financeur"
    AIDES_TERRITOIRES = "aides_territoires", "Import Aides-territoires"


class Need(models.TextChoices):
    """What a structure needs, asked in the simulation and Mes aides and read from its
    self-diagnosis; each aid lists the needs it answers (`AidNeed`). Kept small and fixed: the
    ranking and the search's synonyms (data/synonyms.json) are written against these values."""

    CASH = "cash", "Trésorerie"
    ACTIVITY_FUNDING = "activity_funding", "Financement de l'activité"
    INVESTMENT = "investment", "Investissement"
    ADVICE = "advice", "Accompagnement, conseil"
    EMPLOYMENT = "employment", "Emploi et masse salariale"
    PAYMENT_DISPUTE = "payment_dispute", "Litige ou retard de paiement"
    RESTRUCTURING = "restructuring", "Restructuration"
