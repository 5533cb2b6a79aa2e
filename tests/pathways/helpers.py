"""A request taken by a DLA, set up directly with the models (the orientation pages are another
helper's), and a pathway moved to a given step through the domain rules."""

import datetime

from django.utils import timezone

from aidess.aids.models import Aid
from aidess.orientation.enums import RecipientStatus, RequestStatus, ZoneKind
from aidess.orientation.models import HelpRequest, Recipient, SupportOffer
from aidess.pathways import progress
from aidess.pathways.enums import ActionKind, PathwayKind, Step
from aidess.pathways.models import AreaOfChange, PathwayAction
from tests.factories import OrganizationFactory


def dla_offer(organization, scheme="dla"):
    return SupportOffer.objects.create(
        organization=organization,
        scheme=Aid.objects.get(slug=scheme),
        needs=["advice"],
        zone_kind=ZoneKind.DEPARTMENT,
        zone_codes=["23"],
    )


def taken_request(structure, organization=None, advisor=None, status=RecipientStatus.TAKING_CARE):
    """A confirmed request of `structure` whose DLA recipient is in `status`."""
    organization = organization or OrganizationFactory(name="DLA de la Creuse", departments=["23"])
    offer = organization.support_offers.first() or dla_offer(organization)
    help_request = HelpRequest.objects.create(
        structure=structure,
        needs=["advice"],
        situation="Perte d'une subvention, besoin de revoir le modèle économique.",
        contact_email="contact@lucioles.example",
        confirmed_at=timezone.now(),
        status=RequestStatus.TAKEN,
    )
    return Recipient.objects.create(
        request=help_request,
        organization=organization,
        offer=offer,
        status=status,
        advisor=advisor,
        taken_at=timezone.now(),
    )


def in_six_months():
    return progress.add_months(timezone.localdate(), 6)


def started(recipient, advisor):
    return progress.start(recipient, advisor, PathwayKind.INDIVIDUAL, in_six_months())


def move_to(pathway, step, advisor, leader):
    """Complete the steps before `step`, meeting each rule on the way."""
    while pathway.current_step != step:
        current = pathway.current_step
        if current == Step.DIAGNOSIS:
            progress.submit_diagnosis(pathway, advisor, "Revoir le modèle économique.")
            progress.validate_diagnosis(pathway, leader)
        if current == Step.PLAN:
            area = AreaOfChange.objects.create(pathway=pathway, title="Modèle économique")
            PathwayAction.objects.create(
                pathway=pathway, area=area, kind=ActionKind.CONSULTANT, title="Ingénierie"
            )
        pathway = progress.complete_step(pathway, current, advisor, "Fait.")
    return pathway


YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
