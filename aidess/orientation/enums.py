"""Vocabularies of orientation: where an offer applies, where a request and each of its
recipients stand (Dora's orientation statuses, Place des entreprises' relaunches)."""

from django.db import models


class ZoneKind(models.TextChoices):
    """Where a support offer applies; the nearest zone is contacted first (`NEARNESS`)."""

    COMMUNE = "commune", "Commune"
    EPCI = "epci", "Intercommunalité (EPCI)"
    DEPARTMENT = "department", "Département"
    REGION = "region", "Région"
    NATIONAL = "national", "National"


NEARNESS = {
    ZoneKind.COMMUNE: 0,
    ZoneKind.EPCI: 1,
    ZoneKind.DEPARTMENT: 2,
    ZoneKind.REGION: 3,
    ZoneKind.NATIONAL: 4,
}


class RecipientStatus(models.TextChoices):
    """One organisation's handling of a request (`lifecycle.RECIPIENT_LIFECYCLE`)."""

    WAITING = "waiting", "En attente de prise en charge"
    TAKING_CARE = "taking_care", "Prise en charge"
    HELP_PROPOSED = "help_proposed", "Clôturée : aide proposée"
    NO_HELP = "no_help", "Clôturée : pas d'aide possible"
    UNREACHABLE = "unreachable", "Structure injoignable"
    NOT_FOR_ME = "not_for_me", "Pas pour nous"


OPEN_RECIPIENT_STATES = {RecipientStatus.WAITING, RecipientStatus.TAKING_CARE}


class RequestStatus(models.TextChoices):
    """A request's state, derived from its recipients' (`routing.derived_status`)."""

    UNCONFIRMED = "unconfirmed", "À confirmer par e-mail"
    WAITING = "waiting", "En attente de prise en charge"
    TAKEN = "taken", "Prise en charge"
    HELP_PROPOSED = "help_proposed", "Clôturée : aide proposée"
    NO_HELP = "no_help", "Clôturée : pas d'aide possible"
    UNREACHABLE = "unreachable", "Clôturée : structure injoignable"
    UNROUTED = "unrouted", "Sans destinataire"


OPEN_REQUEST_STATES = {RequestStatus.UNCONFIRMED, RequestStatus.WAITING, RequestStatus.TAKEN}
CLOSED_REQUEST_STATES = {
    RequestStatus.HELP_PROPOSED,
    RequestStatus.NO_HELP,
    RequestStatus.UNREACHABLE,
}


class Relaunch(models.IntegerChoices):
    """How far the relaunches of a request nobody took have gone (working days since sent)."""

    NONE = 0, "Aucune relance"
    RECIPIENTS = 1, "Relancée auprès des destinataires (3 jours ouvrés)"
    MANAGERS = 2, "Relancée auprès de leurs responsables (9 jours ouvrés)"
    WATCH_CELL = 3, "Signalée à la cellule régionale de veille (21 jours ouvrés)"


RELAUNCH_AFTER_WORKING_DAYS = {
    Relaunch.RECIPIENTS: 3,
    Relaunch.MANAGERS: 9,
    Relaunch.WATCH_CELL: 21,
}
SATISFACTION_AFTER_DAYS = 10
