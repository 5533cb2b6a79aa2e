"""The catalog's records in the history of changes (see aidess.history)."""

from aidess.aids.models import Aid, AidNeed, AidSector
from aidess.history.registry import track

track(Aid, m2m=["providers", "co_funders", "regions", "departments", "epcis", "communes"])
track(AidSector)
track(AidNeed)
