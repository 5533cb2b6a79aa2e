"""Aid moderation as the people do it: a funder submits, an administrator finds it from the
dashboard, refuses it with a reason or publishes it; each step is in the aid's history."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.aids.moderation import AID_LIFECYCLE, close_past_aids
from aidess.lifecycles.models import TransitionLog
from aidess.organizations.models import Organization
from tests.aids.helpers import form_data, make_aid, text_of
from tests.demo_roles import Demo

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
REASON = (
    "Le territoire indiqué ne correspond pas au règlement du fonds : précisez les départements."
)


@pytest.fixture
def demo():
    return Demo()


@pytest.fixture
def dreets(demo):
    return Organization.objects.get(name="DREETS Nouvelle-Aquitaine")


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response.content.decode())


def press(client, aid, transition, comment=None):
    data = {} if comment is None else {"comment": comment}
    return client.post(reverse("aids:transition", args=[aid.slug, transition]), data)


def test_submitted_refused_corrected_then_published(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"], status="draft")
    funder, admin = demo["provider_75"], demo["admin"]

    login(funder)
    assert press(client, aid, "submit").status_code == 302
    assert "Soumise à modération : 1" in page_text(client, reverse("core:dashboard"))

    login(admin)
    dashboard = page_text(client, reverse("core:dashboard"))
    assert "Aides à modérer : 1" in dashboard
    # Before the list of structures, which holds every structure for an administrator.
    assert dashboard.index("Aides à modérer") < dashboard.index("Mes structures")
    queue = page_text(client, reverse("aids:moderation"))
    assert "1 aide soumise par les financeurs attend votre validation" in queue
    assert "Fonds d'urgence ESS DREETS Nouvelle-Aquitaine le " in queue
    assert "par financeur@demo.aidess.fr" in queue
    assert "Soumise à modération : 1" in queue  # the catalog by status

    refused = press(client, aid, "refuse", comment="  ")
    assert refused.status_code == 400
    assert "Motif du refus : ce champ est obligatoire." in text_of(refused.content.decode())
    assert press(client, aid, "refuse", comment=REASON).status_code == 302
    assert "Aides à modérer : 0" in page_text(client, reverse("core:dashboard"))

    login(funder)
    for url in (reverse("core:dashboard"), "/aides/mes-aides-publiees/", aid.get_absolute_url()):
        assert REASON in page_text(client, url), url
    assert press(client, aid, "submit").status_code == 302

    login(admin)
    assert press(client, aid, "publish").status_code == 302
    aid.refresh_from_db()
    assert aid.status == AidStatus.PUBLISHED

    history = [
        (log.from_state, log.to_state, log.actor, log.comment) for log in AID_LIFECYCLE.logs([aid])
    ]
    assert history == [
        ("draft", "submitted", funder, ""),
        ("submitted", "refused", admin, REASON),
        ("refused", "submitted", funder, ""),
        ("submitted", "published", admin, ""),
    ]


def test_the_history_shows_to_the_provider_and_admins_only(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"], status="submitted")
    AID_LIFECYCLE.apply(aid, "publish", demo["admin"])

    for role in ("provider_75", "admin"):
        login(demo[role])
        text = page_text(client, aid.get_absolute_url())
        assert "Historique des statuts" in text
        assert "admin@demo.aidess.fr : Soumise à modération → Publiée" in text
    for role in ("advisor_dla_23", "member"):
        login(demo[role])
        assert "Historique des statuts" not in page_text(client, aid.get_absolute_url())
    client.logout()
    assert "Historique des statuts" not in page_text(client, aid.get_absolute_url())


def test_a_refusal_that_fails_keeps_the_reason_typed(client, login, demo, dreets):
    """The funder withdrew its aid while the administrator was writing: the text stays."""
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"], status="submitted")
    login(demo["admin"])
    client.get(aid.get_absolute_url())
    AID_LIFECYCLE.apply(aid, "to_draft", demo["provider_75"])

    response = press(client, aid, "refuse", comment=REASON)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Action « Refuser » impossible : l'état est « Brouillon »" in text_of(html)
    assert "Motif du refus" not in text_of(html)  # no refusal form for a draft...
    assert Aid.objects.get(pk=aid.pk).status == AidStatus.DRAFT


def test_the_refusal_form_keeps_the_text_after_a_french_error(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"], status="submitted")
    login(demo["admin"])

    response = press(client, aid, "refuse", comment="")

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="comment-refuse"' in html
    assert "fr-input-group--error" in html


@pytest.mark.parametrize("role", ["provider_75", "advisor_dla_23", "member", "watch_national"])
def test_the_moderation_queue_is_for_administrators(client, login, demo, role):
    login(demo[role])
    assert client.get(reverse("aids:moderation")).status_code == 403
    assert "Aides à modérer" not in page_text(client, reverse("core:dashboard"))


def test_the_moderation_queue_asks_visitors_to_sign_in(client):
    response = client.get(reverse("aids:moderation"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_funder_cannot_refuse_nor_publish_its_own_aid(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"], status="submitted")
    login(demo["provider_75"])

    for transition in ("publish", "refuse"):
        response = press(client, aid, transition, comment="Je me valide.")
        assert response.status_code == 403
        assert "ne vous est pas permise" in text_of(response.content.decode())
    assert Aid.objects.get(pk=aid.pk).status == AidStatus.SUBMITTED
    assert not TransitionLog.objects.exists()


def test_an_administrators_edit_of_a_published_aid_stays_published(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"])
    login(demo["admin"])
    url = reverse("aids:update", args=[aid.slug])
    page = client.get(url).content.decode()
    assert "repasse en modération" not in text_of(page)

    assert client.post(url, form_data(page, amount_note="Révisé.")).status_code == 302

    aid.refresh_from_db()
    assert (aid.status, aid.amount_note) == (AidStatus.PUBLISHED, "Révisé.")
    assert not TransitionLog.objects.exists()


def test_a_funder_is_warned_before_editing_its_published_aid(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"])
    login(demo["provider_75"])
    text = page_text(client, reverse("aids:update", args=[aid.slug]))
    assert "Si vous l'enregistrez, elle repasse en modération" in text


def test_a_funder_archives_its_aid_and_takes_it_back_as_a_draft(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"])
    login(demo["provider_75"])

    assert press(client, aid, "archive").status_code == 302
    client.logout()
    assert client.get(aid.get_absolute_url()).status_code == 404
    login(demo["provider_75"])
    assert press(client, aid, "to_draft").status_code == 302
    assert Aid.objects.get(pk=aid.pk).status == AidStatus.DRAFT


def test_published_aids_past_their_closing_date_are_closed_and_logged(dreets):
    yesterday = TODAY - datetime.timedelta(days=1)
    past = make_aid("Appel clos hier", providers=[dreets], closing_date=yesterday)
    today = make_aid("Appel clos ce soir", providers=[dreets], closing_date=TODAY)
    draft = make_aid("Brouillon daté", providers=[dreets], closing_date=yesterday, status="draft")

    due = Aid.objects.filter(status="published", closing_date__lt=TODAY).count()  # catalog's too
    assert close_past_aids(TODAY) == due >= 1
    assert close_past_aids(TODAY) == 0  # re-runnable

    statuses = dict(
        Aid.objects.filter(pk__in=[past.pk, today.pk, draft.pk]).values_list("name", "status")
    )
    assert statuses == {
        "Appel clos hier": "closed",
        "Appel clos ce soir": "published",
        "Brouillon daté": "draft",
    }
    log = TransitionLog.objects.get(object_id=past.pk)
    assert (log.subject, log.actor, log.from_state, log.to_state, log.comment) == (
        past,
        None,
        "published",
        "closed",
        "date de clôture dépassée",
    )


def test_the_close_past_aids_command(dreets, capsys):
    make_aid("Appel clos en 2020", providers=[dreets], closing_date=datetime.date(2020, 1, 31))
    due = Aid.objects.filter(status="published", closing_date__lt=timezone.localdate()).count()

    call_command("close_past_aids")

    assert capsys.readouterr().out.strip().endswith(f"{due} aide(s) clôturée(s).")
    assert Aid.objects.get(name="Appel clos en 2020").status == AidStatus.CLOSED


def test_transitions_a_rule_triggers_have_no_button_url(client, login, demo, dreets):
    aid = make_aid("Fonds d'urgence ESS", providers=[dreets], regions=["75"])
    login(demo["provider_75"])
    assert press(client, aid, "resubmit").status_code == 404
    assert Aid.objects.get(pk=aid.pk).status == AidStatus.PUBLISHED


def test_a_funder_of_two_co_providers_counts_their_shared_aid_once(client, login, demo, dreets):
    funder = demo["provider_75"]
    region = Organization.objects.create(
        name="Région partenaire", kind="provider", scope_level="regional"
    )
    region.memberships.create(user=funder)
    make_aid("Fonds partagé", providers=[dreets, region], regions=["75"])
    login(funder)
    assert "Publiée : 1" in page_text(client, reverse("core:dashboard"))
