"""Which organisations a request for help goes to, and the request's derived status.

An offer fits when it is active (and its organisation), answers one of the asked needs (any
offer when none is asked), covers the structure's place, and its scheme's eligibility criteria
do not rule the structure out: the eligibility engine decides, there is no second rule set.
"""

from dataclasses import dataclass

from django.utils import timezone

from aidess.aids.enums import Need
from aidess.aids.models import Aid
from aidess.eligibility.engine import AidVerdict, Verdict
from aidess.eligibility.models import with_engine_criteria
from aidess.eligibility.service import evaluate_aids, place_names
from aidess.organizations.models import Organization
from aidess.orientation.choosing import Fit, in_contact_order, selected_keys
from aidess.orientation.enums import CLOSED_REQUEST_STATES, NEARNESS, ZoneKind
from aidess.orientation.models import SupportOffer
from aidess.orientation.status import derived_status

PROFILE_CODE = {
    ZoneKind.COMMUNE: "commune_code",
    ZoneKind.EPCI: "epci_code",
    ZoneKind.DEPARTMENT: "department_code",
    ZoneKind.REGION: "region_code",
}
ZONE_PHRASE = {
    ZoneKind.COMMUNE: "intervient dans la commune de {name}",
    ZoneKind.EPCI: "intervient dans l'intercommunalité {name}",
    ZoneKind.DEPARTMENT: "intervient dans le département {name} ({code})",
    ZoneKind.REGION: "intervient dans la région {name}",
    ZoneKind.NATIONAL: "intervient partout en France",
}


@dataclass(frozen=True)
class Route:
    """One organisation a request may go to, and why."""

    offer: SupportOffer
    territory_kind: str
    territory_code: str | None  # the structure's code in the offer's zone; None when national
    answered: tuple  # the asked needs the offer answers
    selected: bool  # among the two or three the request goes to by default
    reason: str

    @property
    def organization(self) -> Organization:
        return self.offer.organization

    @property
    def scheme(self):
        return self.offer.scheme.slug


def covered_code(offer, profile):
    """(True, the profile's code in the offer's zone) when the zone covers the profile's place."""
    if offer.zone_kind == ZoneKind.NATIONAL:
        return True, None
    code = getattr(profile, PROFILE_CODE[offer.zone_kind], None)
    return (code is not None and code in offer.zone_codes), code


def route(profile, needs, today):
    """Every fitting offer in contact order (`choosing.in_contact_order`), the default
    recipients marked `selected`. `profile` is an eligibility engine Profile."""
    asked = frozenset(needs or ())
    placed = []
    offers = SupportOffer.objects.filter(is_active=True, organization__is_active=True)
    for offer in offers.select_related("organization", "scheme").order_by("pk"):
        answered = asked & set(offer.needs)
        covered, code = covered_code(offer, profile)
        if covered and (answered or not asked):
            placed.append((offer, code, answered))
    aids = with_engine_criteria(
        Aid.objects.filter(pk__in={offer.scheme_id for offer, *_ in placed})
    )
    evaluations = {
        item.aid.pk: item.evaluation
        for item in evaluate_aids(profile, aids, today)
        if item.verdict != AidVerdict.INELIGIBLE
    }
    fits = {
        offer.pk: (offer, code, answered, evaluations[offer.scheme_id])
        for offer, code, answered in placed
        if offer.scheme_id in evaluations
    }
    ordered = in_contact_order(
        Fit(pk, offer.organization_id, offer.organization.name, NEARNESS[offer.zone_kind], answered)
        for pk, (offer, code, answered, _) in fits.items()
    )
    chosen = set(selected_keys(ordered))
    names = place_names(profile)
    routes = []
    for fit in ordered:
        offer, code, answered, evaluation = fits[fit.key]
        routes.append(
            Route(
                offer=offer,
                territory_kind=offer.zone_kind,
                territory_code=code,
                answered=tuple(need for need in Need.values if need in answered),
                selected=fit.key in chosen,
                reason=reason_for(offer, code, answered, evaluation, names),
            )
        )
    return routes


def reason_for(offer, code, answered, evaluation, names):
    """One French sentence: the zone, the needs answered, the eligibility reasons."""
    kind = ZoneKind(offer.zone_kind)
    parts = [ZONE_PHRASE[kind].format(name=names.get(kind.value, code), code=code)]
    labels = [Need(need).label for need in Need.values if need in answered]
    if len(labels) == 1:
        parts.append(f"répond à votre besoin « {labels[0]} »")
    elif labels:
        parts.append(f"répond à vos besoins « {', '.join(labels)} »")
    # The zone already says where: the scheme's own territory criterion would repeat it.
    met = [
        sentence(c.reason)
        for c in evaluation.criteria
        if c.verdict == Verdict.MET and c.code != "territory"
    ]
    if met:
        parts.append(", ".join(met))
    unknown = [sentence(c.reason) for c in evaluation.criteria if c.verdict == Verdict.UNKNOWN]
    if unknown:
        parts.append("à vérifier : " + ", ".join(unknown))
    return f"{offer.organization.name} : {' ; '.join(parts)}."


def sentence(reason):
    """A criterion's reason as part of a sentence: no capital, no final full stop."""
    reason = reason.strip().rstrip(".")
    return reason[:1].lower() + reason[1:]


def refresh_status(help_request):
    """Store the status derived from the recipients (and when it closed)."""
    states = list(help_request.recipients.values_list("status", flat=True))
    status = derived_status(help_request.confirmed_at is not None, states)
    closed_at = help_request.closed_at
    closed_at = closed_at or timezone.now() if status in CLOSED_REQUEST_STATES else None
    if (status, closed_at) != (help_request.status, help_request.closed_at):
        help_request.status, help_request.closed_at = status, closed_at
        help_request.save(update_fields=["status", "closed_at", "updated_at"])
    return status
