"""The demo's emergency plans (issue 16): the national culture plan and the DREETS PACA pathway
for insertion workshops, activated, with lines at every follow-up stage (each change logged with
the agent who made it), invitations mailed to the members and opened by some, diagnoses and
requests for help after activation, and the culture fund's grants under the plan, which its
impact review counts. The demo is loaded once for the module (its mails kept aside)."""

import re
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from aidess.accounts.models import User
from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application, Payment
from aidess.cashflow.models import CashflowPlan
from aidess.demo.application_data import CULTURE
from aidess.demo.emergency_plan_texts import NATIONAL, PACA_WORKSHOPS, REGIONAL
from aidess.demo.emergency_plans import PLAN_LABEL
from aidess.demo.support_network import PACA_PATHWAY
from aidess.diagnosis.models import Diagnosis
from aidess.lifecycles.models import TransitionLog
from aidess.orientation.models import HelpRequest
from aidess.plans.enums import FollowUpStatus, PlanLevel, PlanStatus
from aidess.plans.lifecycle import FOLLOW_UP_LIFECYCLE
from aidess.plans.models import EmergencyPlan, PlanTarget
from aidess.plans.permissions import can_follow_up
from aidess.reviews.review import review
from aidess.reviews.testimonies import published_for
from aidess.structures.models import Structure
from tests.aids.helpers import text_of

THEATRE_MEMBER = "structure@demo.aidess.fr"
LUCIOLES = "lucioles@demo.aidess.fr"


@pytest.fixture(scope="module")
def sent(django_db_setup, django_db_blocker):
    """The mails `load_demo` sent (the outbox is emptied before each test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        call_command("load_demo", verbosity=0)
        yield list(mail.outbox)
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sent")]


def plan(spec):
    return EmergencyPlan.objects.get(name=spec.name)


def invitations_to(email, sent):
    return [message for message in sent if email in message.to]


@pytest.mark.parametrize("spec", [NATIONAL, REGIONAL], ids=["national", "regional"])
def test_both_plans_are_active_with_lines_in_every_follow_up_status(spec):
    found = plan(spec)

    assert found.status == PlanStatus.ACTIVE
    assert found.targeted_count == found.targets.count() > 10
    statuses = Counter(found.targets.values_list("status", flat=True))
    assert set(statuses) == set(FollowUpStatus.values)
    helped = found.targets.filter(status=FollowUpStatus.HELPED)
    assert helped.filter(helped_with_aid__in=found.aids.all()).exists()
    assert helped.filter(helped_with_offer__in=found.support_offers.all()).exists()
    assert not found.targets.filter(status=FollowUpStatus.NEEDS_IDENTIFIED, needs="").exists()


@pytest.mark.parametrize("spec", [NATIONAL, REGIONAL], ids=["national", "regional"])
def test_every_follow_up_change_is_logged_with_an_agent_allowed_to_make_it(spec):
    found = plan(spec)
    followed = list(found.targets.exclude(status=FollowUpStatus.INVITED))
    logs = FOLLOW_UP_LIFECYCLE.logs(followed).order_by("created_at", "pk")
    by_line = {}
    for log in logs:
        by_line.setdefault(log.object_id, []).append(log)

    for target in followed:
        history = by_line[target.pk]
        assert history[0].from_state == FollowUpStatus.INVITED
        assert history[-1].to_state == target.status
        for log in history:
            assert log.actor is not None and can_follow_up(log.actor, target)
            assert found.activated_at < log.created_at
        if target.status == FollowUpStatus.DECLINED:
            assert history[-1].comment
    actors = {log.actor.email for log in logs}
    expected = {"veille.nationale@demo.aidess.fr"}
    if spec is NATIONAL:  # the DLA de la Creuse follows the Creuse's lines
        expected.add("conseiller.dla@demo.aidess.fr")
    assert actors >= expected


def test_the_regional_plan_reaches_the_insertion_workshops_of_paca():
    found = plan(REGIONAL)

    assert found.level == PlanLevel.REGIONAL and found.parent is None
    assert list(found.regions.values_list("code", flat=True)) == ["93"]
    assert found.iae_required
    structures = Structure.objects.filter(plan_targets__plan=found)
    assert set(structures.values_list("region_id", flat=True)) == {"93"}
    assert set(structures.values_list("is_iae", flat=True)) == {True}
    assert {row[1] for row in PACA_WORKSHOPS} <= set(structures.values_list("name", flat=True))
    assert structures.filter(is_demo=True).exists()  # and generated ones
    assert found.support_offers.filter(organization__name=PACA_PATHWAY).exists()
    assert found.organizations.filter(name=PACA_PATHWAY).exists()
    assert found.cell.name == "Cellule nationale de veille de l'ESS"


def test_the_national_plan_targets_culture_associations_across_france():
    found = plan(NATIONAL)
    structures = Structure.objects.filter(plan_targets__plan=found)

    assert found.level == PlanLevel.NATIONAL and not found.regions.exists()
    assert set(structures.values_list("sector", flat=True)) == {"culture"}
    assert not structures.filter(public_funding_share__lt=40).exists()
    assert structures.values("region").distinct().count() >= 10
    assert set(found.aids.values_list("slug", flat=True)) >= {CULTURE, "dla-restructuration"}


def test_the_demo_members_are_invited_and_the_link_opens_their_invitation(sent, login):
    found = plan(NATIONAL)
    mailed = found.targets.filter(invitation_mailed=True)
    assert mailed.count() == len([m for m in sent if m.subject.startswith(found.name)]) >= 10

    for email, structure in [
        (THEATRE_MEMBER, "Théâtre Stéphane Gildas"),
        (LUCIOLES, "Compagnie des Lucioles"),
    ]:
        (invitation,) = invitations_to(email, sent)
        assert structure in invitation.body
        path = re.search(r"https?://[^/\s]+(/\S+)", invitation.body).group(1)
        line = found.targets.get(structure__name=structure, structure__is_demo=False)
        response = login(User.objects.get(email=email)).get(path)
        assert response.status_code == 200
        assert found.name in text_of(response.content.decode())
        line.refresh_from_db()
        assert line.opened_at is not None
    theatre = found.targets.get(structure__name="Théâtre Stéphane Gildas")
    assert theatre.status == FollowUpStatus.INVITED  # left for the demo member to discover


def test_some_structures_opened_their_invitation_then_diagnosed_and_asked_for_help():
    for spec in (NATIONAL, REGIONAL):
        found = plan(spec)
        opened = found.targets.filter(opened_at__isnull=False)
        assert opened.exists()
        assert not opened.filter(opened_at__lt=found.activated_at).exists()
        assert not opened.filter(invitation_mailed=False).exists()
        structures = found.targets.values("structure")
        after = {"structure__in": structures, "created_at__gt": found.activated_at}
        assert Diagnosis.objects.filter(completed_at__isnull=False, **after).count() >= 2
        assert CashflowPlan.objects.filter(**after).count() >= 2
        assert HelpRequest.objects.filter(recipients__isnull=False, **after).exists()


def test_the_culture_fund_granted_and_paid_the_lines_it_helped_and_its_review_counts_them():
    found = plan(NATIONAL)
    culture = Aid.objects.get(slug=CULTURE)
    grants = Application.objects.filter(aid=culture, labels__name=PLAN_LABEL)

    assert grants.count() >= 6
    assert set(grants.values_list("status", flat=True)) == {ApplicationStatus.ACCEPTED}
    assert all(grant.decided_at > found.activated_at for grant in grants)
    helped = found.targets.filter(status=FollowUpStatus.HELPED, helped_with_aid=culture)
    assert set(helped.values_list("structure", flat=True)) == set(
        grants.values_list("structure", flat=True)
    )
    payments = Payment.objects.filter(application__in=grants)
    assert payments.exists()
    for grant in grants:
        paid = sum(p.amount_eur for p in grant.payments.all())
        assert paid <= grant.amount_granted_eur

    result = review(aid=culture)
    assert result.structures >= grants.count()
    assert result.fte > 0 and result.amount_granted_eur > 0 and result.amount_paid_eur > 0
    assert result.by_sector[0].code == "culture"
    assert review(plan=found).structures >= result.structures


def test_loading_again_changes_nothing():
    counted = (
        EmergencyPlan,
        PlanTarget,
        TransitionLog,
        Application,
        Payment,
        Diagnosis,
        HelpRequest,
        User,
    )
    before = [model.objects.count() for model in counted]
    lines = set(PlanTarget.objects.values_list("pk", "status", "opened_at", "updated_at"))

    call_command("load_demo", verbosity=0)

    assert [model.objects.count() for model in counted] == before
    assert set(PlanTarget.objects.values_list("pk", "status", "opened_at", "updated_at")) == lines
    assert mail.outbox == []


def test_reset_creates_the_plans_anew_without_leaving_their_history_behind():
    call_command("load_demo", "--reset", "--structures", "300", verbosity=0)

    for spec in (NATIONAL, REGIONAL):
        found = plan(spec)
        assert found.status == PlanStatus.ACTIVE
        assert found.targeted_count == found.targets.count()
    lines = ContentType.objects.get_for_model(PlanTarget)
    logged = set(
        TransitionLog.objects.filter(content_type=lines).values_list("object_id", flat=True)
    )
    assert logged and logged <= set(PlanTarget.objects.values_list("pk", flat=True))


def test_the_culture_plans_review_shows_published_testimonies():
    quotes = published_for(review(plan=plan(NATIONAL)))

    # Two on a first load; a structure with a member may be missing after `--reset` (tested above).
    assert 1 <= len(quotes) <= 2
    assert all(quote.consent_to_publish and quote.author_name for quote in quotes)
    assert len({quote.structure_id for quote in quotes}) == len(quotes)
