"""An aid's application terms and its own questions, set by its provider's members; every change
in the history."""

from decimal import Decimal

import pytest

from aidess.applications.decisions import accept
from aidess.applications.models import AidQuestion, ApplicationTerms
from aidess.organizations.enums import Role, ScopeLevel
from tests.factories import AidFactory, OrganizationMembershipFactory
from tests.funding.helpers import aid_with_envelope, history_changes, terms_url, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def aid_and_owner():
    membership = OrganizationMembershipFactory(role=Role.PROVIDER, scope=ScopeLevel.NATIONAL)
    aid = AidFactory(providers=[membership.organization], name="Fonds de rebond")
    return aid, membership.user


def terms_data(**changes):
    data = {
        "apply_in_aidess": "on",
        "requires_diagnosis": "on",
        "requires_cashflow_plan": "",
        "envelope_eur": "250 000",
        "instructions": "Joignez le budget du projet.",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def test_the_provider_sets_the_terms_and_they_are_in_the_history(login, aid_and_owner):
    aid, owner = aid_and_owner
    client = login(owner)
    page = text_of(client.get(terms_url(aid)))
    assert "Recevoir les demandes dans AidESS" in page and "Aucune question propre" in page

    response = client.post(terms_url(aid), terms_data())
    assert response.status_code == 302
    aid.refresh_from_db()
    terms = ApplicationTerms.objects.get(aid=aid)
    assert aid.apply_in_aidess
    assert (terms.requires_diagnosis, terms.requires_cashflow_plan) == (True, False)
    assert terms.envelope_eur == Decimal("250000")
    assert terms.instructions == "Joignez le budget du projet."
    assert any("apply_in_aidess" in change for change in history_changes(aid))
    assert any("envelope_eur" in change for change in history_changes(terms))

    page = client.get(terms_url(aid)).content.decode()
    assert 'value="250\u202f000"' in page  # as it was saved, in French


def test_a_bad_envelope_is_refused_and_the_instructions_typed_kept(login, aid_and_owner):
    aid, owner = aid_and_owner
    response = login(owner).post(
        terms_url(aid), terms_data(envelope_eur="deux cent mille", instructions="Mes consignes")
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Saisissez un montant en euros, par exemple 12 500 ou 1 200,50." in page
    assert "Mes consignes" in page
    assert not ApplicationTerms.objects.filter(aid=aid).exists()


def test_an_envelope_below_what_is_committed_is_saved_with_a_warning(login):
    application, agent = aid_with_envelope("10000")
    accept(application, agent, Decimal("8000"))
    response = login(agent).post(terms_url(application.aid), terms_data(envelope_eur="5000"))
    assert response.status_code == 302
    page = text_of(login(agent).get(terms_url(application.aid)))
    assert "est inférieure aux montants déjà engagés" in page


def test_questions_are_added_edited_reordered_and_removed(login, aid_and_owner):
    aid, owner = aid_and_owner
    client = login(owner)
    add = terms_url(aid) + "questions/"
    response = client.post(add, {"new-label": "", "new-help_text": "Une aide"})
    assert response.status_code == 400
    assert "Écrivez la question." in text_of(response)
    assert "Une aide" in response.content.decode()

    for label in ("Nombre de bénéficiaires ?", "Partenaires du projet ?", "Calendrier ?"):
        assert client.post(add, {"new-label": label, "new-required": "on"}).status_code == 302
    first, second, third = AidQuestion.objects.filter(terms__aid=aid).order_by("position")
    assert [q.label for q in (first, second, third)] == [
        "Nombre de bénéficiaires ?",
        "Partenaires du projet ?",
        "Calendrier ?",
    ]

    url = f"{terms_url(aid)}questions/{second.pk}/"
    response = client.post(url, {"label": "Partenaires ?", "help_text": "Leur nom", "required": ""})
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.label, second.help_text, second.required) == ("Partenaires ?", "Leur nom", False)

    assert client.post(url + "deplacer/", {"direction": "up"}).status_code == 302
    order = list(AidQuestion.objects.filter(terms__aid=aid).values_list("label", flat=True))
    assert order == ["Partenaires ?", "Nombre de bénéficiaires ?", "Calendrier ?"]
    client.post(url + "deplacer/", {"direction": "up"})  # already first: nothing moves
    assert "ne peut pas aller plus loin" in text_of(client.get(terms_url(aid)))

    assert client.post(f"{terms_url(aid)}questions/{third.pk}/retirer/").status_code == 302
    page = text_of(client.get(terms_url(aid)))
    assert "La question « Calendrier ? » est retirée." in page
    page = page[page.index("Questions de l'aide") :]
    assert "Calendrier ?" not in page
    assert page.index("Partenaires ?") < page.index("Nombre de bénéficiaires ?")
    assert "(facultative)" in page and "Leur nom" in page

    changes = history_changes(second)
    assert any(
        change.get("label") == ["Partenaires du projet ?", "Partenaires ?"] for change in changes
    )
    assert any("position" in change for change in changes)
    assert history_changes(third)[-1]  # the removal is an entry too


def test_another_aids_question_is_a_404(login, aid_and_owner):
    aid, owner = aid_and_owner
    other, _ = aid_with_envelope()
    question = AidQuestion.objects.create(terms=other.aid.application_terms, label="Autre ?")
    response = login(owner).get(f"{terms_url(aid)}questions/{question.pk}/")
    assert response.status_code == 404
