"""Testimonies: written by the structure, recorded by a watch agent with the consent stated,
published in the reviews only with consent, withdrawn by the structure; in the history."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from aidess.history.models import AuditEntry
from aidess.organizations.enums import Role, ScopeLevel
from aidess.reviews import models
from aidess.reviews.report import report
from tests.factories import AidFactory, OrganizationMembershipFactory, UserFactory
from tests.reviews.decisions import granted

pytestmark = pytest.mark.django_db
QUOTE = "Le fonds nous a permis de garder nos deux salariées pendant l'hiver."


@pytest.fixture
def aid():
    return AidFactory(name="Fonds de secours", slug="fonds-secours")


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def structure(aid, member):
    return granted(aid, datetime.date(2026, 3, 1), member=member).structure


def new_url(structure):
    return f"/bilans/temoignages/nouveau/{structure.pk}/"


def form(aid, **values):
    return {
        "aid": aid.pk,
        "quote": QUOTE,
        "author_name": "Claire M.",
        "author_role": "présidente",
        "consent_to_publish": "on",
        **values,
    }


def test_a_member_writes_a_testimony_that_appears_in_the_review(client, aid, member, structure):
    client.force_login(member)
    page = client.get(new_url(structure))
    assert page.status_code == 200
    assert "Fonds de secours" in page.content.decode()  # the aids it got

    response = client.post(new_url(structure), form(aid))

    assert response.status_code == 302
    testimony = models.Testimony.objects.get()
    assert (testimony.on_behalf, testimony.recorded_by) == (False, member)
    assert testimony.consented_at is not None
    assert [t.quote for t in report(aid=aid).testimonies] == [QUOTE]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(models.Testimony), structure_id=structure.pk
    )
    assert entries.count() == 1


def test_without_consent_it_stays_out_of_the_reviews(client, aid, member, structure):
    client.force_login(member)
    client.post(new_url(structure), form(aid, consent_to_publish=""))

    assert models.Testimony.objects.get().consent_to_publish is False
    assert report(aid=aid).testimonies == []
    listing = client.get(f"/bilans/temoignages/structure/{structure.pk}/").content.decode()
    assert "Non publié (pas d'accord)" in listing


def test_the_structure_withdraws_its_consent(client, aid, member, structure):
    client.force_login(member)
    client.post(new_url(structure), form(aid))
    testimony = models.Testimony.objects.get()

    response = client.post(f"/bilans/temoignages/{testimony.pk}/retirer/")

    assert response.status_code == 302
    testimony.refresh_from_db()
    assert testimony.withdrawn_at is not None and not testimony.is_published
    assert report(aid=aid).testimonies == []
    listing = client.get(f"/bilans/temoignages/structure/{structure.pk}/").content.decode()
    assert "Accord retiré le" in listing


def test_a_watch_agent_records_it_stating_the_consent(client, aid, structure):
    agent = OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL).user
    client.force_login(agent)

    response = client.post(new_url(structure), form(aid))
    assert response.status_code == 400
    assert "Dites comment la structure a donné son accord" in response.content.decode()

    statement = "Accord de la présidente par courriel du 12 mars"
    client.post(new_url(structure), form(aid, consent_statement=statement))

    testimony = models.Testimony.objects.get()
    assert (testimony.on_behalf, testimony.consent_statement) == (True, statement)
    assert len(report(aid=aid).testimonies) == 1


def test_only_the_structure_and_the_cells_of_its_territory_write(client, structure):
    client.force_login(UserFactory())
    assert client.get(new_url(structure)).status_code == 404

    advisor = OrganizationMembershipFactory(role=Role.ADVISOR, scope=ScopeLevel.NATIONAL).user
    client.force_login(advisor)  # sees the structure, is no watch agent
    assert client.get(new_url(structure)).status_code == 403

    other = OrganizationMembershipFactory(role=Role.WATCH_AGENT, scope=ScopeLevel.NATIONAL).user
    client.force_login(other)
    testimony = models.Testimony.objects.create(
        structure=structure, quote=QUOTE, author_name="X", consent_to_publish=True
    )
    response = client.post(f"/bilans/temoignages/{testimony.pk}/retirer/")
    assert response.status_code == 403  # only the structure (or who recorded it) withdraws


def test_a_review_shows_quotes_of_its_helped_structures_about_it(aid, structure):
    other_aid = AidFactory()
    stranger = granted(other_aid, datetime.date(2026, 3, 1)).structure
    for who, about in ((structure, aid), (structure, other_aid), (stranger, None)):
        models.Testimony.objects.create(
            structure=who, aid=about, quote=f"Sur {about}", author_name="A", consent_to_publish=True
        )

    assert [t.quote for t in report(aid=aid).testimonies] == [f"Sur {aid}"]
