"""The catalog prepared once per process: every published or closed aid with its engine
criteria, its needs and the `evaluator.Catalog` of those criteria, reused by the simulation,
Mes aides and the API while the catalog has not changed. Loading 10 000 aids and their
criteria costs about a second; evaluating a profile against the prepared catalog, tens of ms.

"Has not changed" is `catalog_version()`, read before each use (one indexed query): every
change of an aid, its criteria, sectors, needs, territories or providers writes a history
entry (django-auditlog, see aidess.history: bulk writes of the admin and of imports go through
`history.bulk`), so a new entry means a new catalog. A write that bypasses the history (raw
SQL, `QuerySet.update` outside `history.bulk`) would not be seen: call `forget_prepared()`.
"""

import gc
import threading
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid, AidNeed, AidSector
from aidess.eligibility.evaluator import Catalog
from aidess.eligibility.models import AidCriteria
from aidess.eligibility.service import candidate_aids, needs_of_aids, ranked
from aidess.history.models import AuditEntry

# The records whose history entries make the catalog's version (M2M changes of an aid are
# entries of the aid).
CATALOG_MODELS = (Aid, AidCriteria, AidSector, AidNeed)


def catalog_version():
    """(number, last id) of the catalog's history entries: any change of the catalog changes it.

    The number as well as the last id: ids are taken when a row is written but seen when its
    transaction commits, so a transaction committing after a later one adds an entry below
    the last id; the number still moves. One index-only query (history_type_id_idx)."""
    types = ContentType.objects.get_for_models(*CATALOG_MODELS).values()
    found = AuditEntry.objects.filter(content_type__in=types).aggregate(
        number=Count("id"), last=Max("id")
    )
    return found["number"], found["last"]


@dataclass(frozen=True)
class PreparedCatalog:
    version: tuple
    aids: list  # published and closed aids by name then pk, each with `engine_criteria`
    evaluator: Catalog  # the aids' criteria, in the same order
    needs: dict  # {aid pk: frozenset of the needs it answers}


_prepared = None
_lock = threading.Lock()


def prepared_catalog():
    """The PreparedCatalog of the current version, built when the version has moved.

    The version is read before the aids: a change committed in between is loaded with the
    older version, hence loaded again on the next request, never missed."""
    global _prepared
    version = catalog_version()
    current = _prepared
    if current is not None and current.version == version:
        return current
    with _lock:  # one build at a time in a threaded server
        if _prepared is None or _prepared.version != version:
            _prepared = None
            thaw()
            aids = candidate_aids(include_closed=True, light=True)
            _prepared = PreparedCatalog(
                version=version,
                aids=aids,
                evaluator=Catalog([aid.engine_criteria for aid in aids]),
                needs=needs_of_aids([aid.pk for aid in aids]),
            )
            gc.freeze()
        return _prepared


def thaw():
    """Give the objects frozen with the previous catalog back to the garbage collector, and
    collect the previous catalog (an aid and its criteria refer to each other).

    The prepared catalog is hundreds of thousands of objects that live as long as it does:
    left to the collector, each full collection (about one per Mes aides request, which makes
    thousands of results) walked them all, 200 ms. `gc.freeze()` after each preparation moves
    every object of the process out of its sight until the next preparation."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


def forget_prepared():
    """Drop the prepared catalog (tests, or after a write the history does not see)."""
    global _prepared
    with _lock:
        _prepared = None
        thaw()


def evaluate_and_rank_catalog(profile, today, include_closed=False, needs=frozenset()):
    """`service.evaluate_and_rank(profile, candidate_aids(include_closed), …)`, the same results
    in the same order, from the prepared catalog: the simulation, Mes aides and the API."""
    prepared = prepared_catalog()
    evaluations = prepared.evaluator.evaluate(profile, today)
    evaluated = []
    for aid, evaluation in zip(prepared.aids, evaluations, strict=True):
        if not include_closed and aid.status != AidStatus.PUBLISHED:
            continue
        is_open = aid.is_open(today)
        if is_open or include_closed:
            evaluated.append((aid, evaluation, is_open))
    # The ranking orders by verdict, closing, score and name: `evaluate_aids`'s order by
    # verdict, closing and name only decides between equal names, which keep the catalog's
    # order (name, pk) in both, so it is not needed here.
    return ranked(profile, evaluated, prepared.needs, needs)
