"""The envelope's arithmetic over several applications, reopenings and payments; an override
kept in the log and the history; two instructors accepting at once cannot both exceed it."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import OperationalError, connection

from aidess.applications.decisions import (
    DecisionRefused,
    accept,
    decide_without_grant,
    envelope_of,
    envelopes_of,
    record_payment,
    reopen,
)
from aidess.applications.enums import ApplicationStatus as S
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Application
from aidess.nomenclatures.models import LegalCategory
from aidess.territories.models import Commune
from tests.funding.helpers import aid_with_envelope, another, history_changes
from tests.shared_data import load_shared_data

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 2)


def figures(aid):
    envelope = envelope_of(aid)
    return envelope.committed, envelope.paid, envelope.remaining


def test_several_applications_reopenings_and_payments():
    first, agent = aid_with_envelope("20000")
    second, third = another(first), another(first)
    accept(first, agent, Decimal("6000"))
    accept(second, agent, Decimal("3000"))
    decide_without_grant(third, agent, "refuse", "Hors champ")
    assert figures(first.aid) == (Decimal("9000"), 0, Decimal("11000"))

    record_payment(first, agent, Decimal("2000"), DAY)
    assert figures(first.aid) == (Decimal("9000"), Decimal("2000"), Decimal("11000"))

    # Reopened: its grant no longer commits the envelope, but what was paid on it is spent.
    reopen(first, agent, "Montant à revoir")
    assert figures(first.aid) == (Decimal("5000"), Decimal("2000"), Decimal("15000"))
    with pytest.raises(DecisionRefused) as refused:
        accept(first, agent, Decimal("1500"))
    assert refused.value.field == "amount" and "déjà été versé (2\xa0000,00 €)" in str(
        refused.value
    )
    accept(first, agent, Decimal("4000"))
    assert figures(first.aid) == (Decimal("7000"), Decimal("2000"), Decimal("13000"))

    # Reopening the refused one and accepting it: the envelope commits it.
    reopen(third, agent, "Pièce reçue")
    accept(third, agent, Decimal("13000"))
    assert figures(first.aid) == (Decimal("20000"), Decimal("2000"), Decimal("0"))
    assert envelope_of(first.aid).committed_share == 100


def test_a_reaccepted_application_counts_its_payments_once_against_the_envelope():
    """Paid 4 000 of 5 000 in a 5 000 envelope, reopened, accepted again at 5 000: not beyond."""
    first, agent = aid_with_envelope("5000")
    accept(first, agent, Decimal("5000"))
    record_payment(first, agent, Decimal("4000"), DAY)
    reopen(first, agent, "Erreur de conditions")
    accept(first, agent, Decimal("5000"), "Nouvelles conditions")
    assert figures(first.aid) == (Decimal("5000"), Decimal("4000"), Decimal("0"))


def test_envelopes_of_several_aids_match_one_by_one_in_few_queries(django_assert_num_queries):
    first, agent = aid_with_envelope("9000")
    other, other_agent = aid_with_envelope(None)
    accept(first, agent, Decimal("1000"))
    accept(other, other_agent, Decimal("700"))
    record_payment(other, other_agent, Decimal("100"), DAY)
    with django_assert_num_queries(3):
        both = envelopes_of([first.aid, other.aid])
    assert both[first.aid.pk] == envelope_of(first.aid)
    assert both[other.aid.pk] == envelope_of(other.aid)
    assert both[other.aid.pk].voted is None and both[other.aid.pk].remaining is None
    assert both[other.aid.pk].exceeded_by(Decimal("1000000")) == 0


def test_an_override_is_kept_in_the_transition_log_and_the_history(login):
    first, agent = aid_with_envelope("10000")
    accept(first, agent, Decimal("9000"))
    second = another(first)
    response = login(agent).post(
        f"/financement/demandes/{second.pk}/decision/",
        {
            "action": "accept",
            "version": second.version,
            "accept-amount": "2 500",
            "accept-override_reason": "Abondement voté en commission du 12/11",
        },
    )
    assert response.status_code == 302
    log = APPLICATION_LIFECYCLE.history(second)[-1]
    assert log.transition == "accept" and log.actor == agent
    assert "Dépassement de l'enveloppe de 1\xa0500,00 €" in log.comment
    assert "Abondement voté en commission du 12/11" in log.comment
    changes = history_changes(Application.objects.get(pk=second.pk))
    assert any(
        change.get("envelope_override_reason", [None, None])[1]
        == "Abondement voté en commission du 12/11"
        for change in changes
    )


def test_an_override_reason_is_not_kept_when_the_amount_fits():
    first, agent = aid_with_envelope("10000")
    accept(first, agent, Decimal("1000"), override_reason="inutile")
    first.refresh_from_db()
    assert first.envelope_override_reason == ""
    with pytest.raises(DecisionRefused) as refused:
        accept(another(first), agent, Decimal("1"), override_reason="x" * 301)
    assert refused.value.field == "override_reason"


@pytest.fixture
def restore_shared_data(django_db_blocker):
    """A transactional test flushes the database, shared reference data included: an earlier
    one may have left it empty (put it back first), this one empties it (load it after)."""
    with django_db_blocker.unblock():
        if not (LegalCategory.objects.exists() and Commune.objects.exists()):
            load_shared_data()
    yield
    with django_db_blocker.unblock():
        load_shared_data()


@pytest.mark.django_db(transaction=True)
def test_two_instructors_accepting_at_once_cannot_both_exceed_the_envelope(restore_shared_data):
    """Each amount fits what remains, both together do not. `accept` locks the aid's terms: on
    PostgreSQL the second waits for the first's commit and then sees the envelope taken (409).
    SQLite's shared in-memory test database refuses a write outright while the other
    transaction reads (table locked): one or both are refused, never both accepted."""
    first, agent = aid_with_envelope("10000")
    second = another(first)
    started, outcomes = threading.Barrier(2), {}

    def decide(name, application):
        try:
            started.wait(5)
            accept(Application.objects.get(pk=application.pk), agent, Decimal("7000"))
            outcomes[name] = "accepted"
        except DecisionRefused as refused:
            assert refused.status == 409
            outcomes[name] = "refused"
        except OperationalError as error:
            assert connection.vendor == "sqlite" and "locked" in str(error)
            outcomes[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("first", first)),
        threading.Thread(target=decide, args=("second", second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    accepted = Application.objects.filter(status=S.ACCEPTED).count()
    assert len(outcomes) == 2 and list(outcomes.values()).count("accepted") == accepted
    assert envelope_of(first.aid).committed <= Decimal("10000")  # never both
    if connection.vendor == "postgresql":  # the second waited, then was told why
        assert sorted(outcomes.values()) == ["accepted", "refused"]
        assert envelope_of(first.aid).committed == Decimal("7000")
