"""The demo's support network, requests for help and DLA pathways (issue 14): one DLA per
department under its regional DLA, France Active everywhere, SOS Employeurs ESS in its six
regions; requests in every state, seen by every advisor, manager and watch account; a pathway
at each of the five steps. The demo is loaded once for the module."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from aidess.accounts.models import User
from aidess.aids.models import AidNeed
from aidess.demo.accounts import DEMO_PASSWORD, REGIONAL_DLA_MANAGER
from aidess.demo.support_network import SOS_REGIONS
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation import permissions
from aidess.orientation.enums import RecipientStatus, Relaunch, RequestStatus, ZoneKind
from aidess.orientation.lifecycle import ORIENTATION_LIFECYCLE
from aidess.orientation.models import HelpRequest, Recipient, SupportOffer
from aidess.pathways.enums import ActionKind, PathwayStatus, Step
from aidess.pathways.models import CollectiveAction, Pathway
from aidess.territories.models import Department, Region

DLA_ADVISOR = "conseiller.dla@demo.aidess.fr"
FRANCE_ACTIVE = "conseiller.france-active@demo.aidess.fr"
REGIONAL_WATCH = "veille.regionale@demo.aidess.fr"
LUCIOLES = "lucioles@demo.aidess.fr"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def user(email):
    return User.objects.get(email=email)


def offers(slug):
    return SupportOffer.objects.filter(scheme__slug=slug).select_related("organization")


def test_one_dla_per_department_whose_head_is_its_regions_dla():
    departmental = {offer.zone_codes[0]: offer.organization for offer in offers("dla").filter(
        zone_kind=ZoneKind.DEPARTMENT
    )}  # fmt: skip
    regional = {offer.zone_codes[0]: offer.organization for offer in offers("dla").filter(
        zone_kind=ZoneKind.REGION
    )}  # fmt: skip

    assert set(departmental) == set(Department.objects.values_list("code", flat=True))
    assert set(regional) == set(Region.objects.values_list("code", flat=True))
    assert offers("dla").count() == Department.objects.count() + Region.objects.count()
    for department in Department.objects.all():
        dla = departmental[department.code]
        assert dla.parent == regional[department.region_id], department
        assert list(dla.departments.values_list("code", flat=True)) == [department.code]
    assert departmental["23"].name == "DLA de la Creuse"  # the demo account's, not a second one
    assert departmental["33"].name == "DLA Gironde (démo)"
    assert regional["75"].name == "DLA régional Nouvelle-Aquitaine (démo)"
    assert Organization.objects.filter(name="DLA de la Creuse").count() == 1


def test_france_active_in_every_region_and_sos_employeurs_only_in_its_six():
    for slug in (
        "france-active-accompagnement",
        "contrat-apport-associatif",
        "pret-relais-solidaire",
    ):
        regions = Counter(code for offer in offers(slug) for code in offer.zone_codes)
        assert set(regions) == set(Region.objects.values_list("code", flat=True)), slug
        assert set(regions.values()) == {1}, slug
    assert Organization.objects.filter(name="France Active Nouvelle-Aquitaine").count() == 1

    sos = list(offers("sos-employeurs-ess"))
    assert sorted(code for offer in sos for code in offer.zone_codes) == sorted(SOS_REGIONS)
    assert [offer.organization.name for offer in sos if offer.zone_codes == ["53"]] == [
        "SOS Employeurs ESS Bretagne"
    ]
    paca = offers("dreets-paca-aci").get()
    assert (paca.zone_kind, paca.zone_codes) == (ZoneKind.REGION, ["93"])
    for slug in ("guid-asso", "mediateur-des-entreprises"):
        assert offers(slug).get().zone_kind == ZoneKind.NATIONAL


def test_each_offer_answers_its_schemes_needs_and_names_its_seed():
    needs = {}
    for slug, need in AidNeed.objects.values_list("aid__slug", "need"):
        needs.setdefault(slug, set()).add(need)
    for offer in SupportOffer.objects.select_related("scheme"):
        assert set(offer.needs) == needs[offer.scheme.slug], offer
        assert offer.source.startswith("seeds/00"), offer
        assert offer.description and offer.conditions, offer
    assert not Organization.objects.filter(
        kind=OrganizationKind.SUPPORT, support_offers__isnull=True
    ).exists()


def test_every_advisor_manager_and_watch_account_has_requests_to_see():
    for email in (DLA_ADVISOR, FRANCE_ACTIVE):
        advisor = user(email)
        handled = permissions.recipients_handled_by(advisor)
        states = set(handled.values_list("status", flat=True))
        assert RecipientStatus.WAITING in states, email  # something to take
        assert RecipientStatus.TAKING_CARE in states, email
        assert states & {RecipientStatus.HELP_PROPOSED, RecipientStatus.NO_HELP}, email
        assert permissions.requests_visible_to(advisor).exists()

    manager = user(REGIONAL_DLA_MANAGER)
    assert permissions.is_manager(manager)
    followed = permissions.requests_visible_to(manager)
    creuse = Organization.objects.get(name="DLA de la Creuse")
    assert followed.filter(recipients__organization=creuse).exists()
    assert followed.filter(recipients__organization__name="DLA Gironde (démo)").exists()
    assert followed.filter(relaunch=Relaunch.MANAGERS).exists()
    assert not permissions.recipients_handled_by(manager).filter(organization=creuse).exists()

    watch = permissions.requests_visible_to(user(REGIONAL_WATCH))
    assert watch.exists()
    assert set(watch.values_list("relaunch", flat=True)) == {Relaunch.WATCH_CELL}
    assert set(watch.values_list("structure__region_id", flat=True)) == {"75"}


def test_requests_are_in_every_state_with_their_history():
    assert set(HelpRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert set(HelpRequest.objects.values_list("relaunch", flat=True)) == set(Relaunch.values)
    assert set(Recipient.objects.values_list("status", flat=True)) == set(RecipientStatus.values)
    redirected = Recipient.objects.exclude(redirected_from=None).select_related("redirected_from")
    assert {r.redirected_from.status for r in redirected} == {RecipientStatus.NOT_FOR_ME}
    assert HelpRequest.objects.exclude(satisfaction_score=None).count() >= 3

    taken = Recipient.objects.filter(status=RecipientStatus.TAKING_CARE).first()
    log = ORIENTATION_LIFECYCLE.history(taken)[0]
    assert (log.transition, log.actor) == ("take", taken.advisor)
    assert (
        log.created_at == taken.taken_at < HelpRequest.objects.get(pk=taken.request_id).updated_at
    )
    unconfirmed = HelpRequest.objects.get(status=RequestStatus.UNCONFIRMED)
    assert unconfirmed.confirmed_at is None and unconfirmed.created_by is None


def test_dla_pathways_at_each_step_with_diagnosis_actions_and_effects():
    active = Pathway.objects.filter(status=PathwayStatus.ACTIVE)
    assert set(active.values_list("current_step", flat=True)) == set(Step.values)
    assert Pathway.objects.filter(status=PathwayStatus.COMPLETED).exists()

    waiting = active.get(current_step=Step.DIAGNOSIS)
    assert waiting.structure.name == "Compagnie des Lucioles"
    assert waiting.diagnosis.submitted_at and not waiting.diagnosis.is_validated
    planned = active.get(current_step=Step.PLAN)
    assert planned.diagnosis.is_validated and planned.areas.count() == 2
    consultant = planned.actions.get(kind=ActionKind.CONSULTANT)
    assert consultant.budget_eur > 0 and consultant.starts_on < consultant.ends_on
    assert active.get(current_step=Step.FOLLOW_UP).effects.exists()
    assert active.get(current_step=Step.COORDINATION).steps.count() == 4

    shared = CollectiveAction.objects.get()
    assert shared.pathway_actions.values("pathway__structure").distinct().count() == 2


def test_the_lucioles_login_reaches_its_requests_and_pathway(client):
    response = client.post(
        reverse("accounts:login"), {"username": LUCIOLES, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    lucioles = user(LUCIOLES)
    requests = HelpRequest.objects.filter(structure__name="Compagnie des Lucioles")
    assert requests.count() == 2
    assert all(permissions.is_requester(lucioles, request) for request in requests)
    assert set(permissions.requests_visible_to(lucioles)) == set(requests)


def test_running_again_adds_nothing():
    counted = (Organization, SupportOffer, HelpRequest, Recipient, Pathway, User)
    before = [model.objects.count() for model in counted]

    call_command("load_demo", verbosity=0)

    assert [model.objects.count() for model in counted] == before


def test_reset_takes_the_generated_structures_requests_and_their_logs_along():
    generated = Recipient.objects.filter(request__structure__is_demo=True)
    ids = list(generated.values_list("pk", flat=True))
    assert ids

    call_command("load_demo", "--reset", "--structures", "0", verbosity=0)

    assert not HelpRequest.objects.filter(structure__is_demo=True).exists()
    assert not TransitionLog.objects.filter(
        content_type__model="recipient", object_id__in=ids
    ).exists()
    assert Pathway.objects.filter(structure__name="Compagnie des Lucioles").exists()
