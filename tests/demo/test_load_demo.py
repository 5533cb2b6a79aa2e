from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q, Sum
from django.urls import reverse
from stdnum.fr import siret

from aidess.accounts.models import User
from aidess.demo.accounts import DEMO_PASSWORD
from aidess.organizations.enums import Role
from aidess.organizations.permissions import roles_of
from aidess.structures.enums import Sector
from aidess.structures.models import Structure
from aidess.territories.models import Department
from tests.aids.helpers import text_of
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

DEMO_ROLES = {
    "admin@demo.aidess.fr": Role.ADMIN,
    "structure@demo.aidess.fr": Role.STRUCTURE_MEMBER,
    "conseiller.dla@demo.aidess.fr": Role.ADVISOR,
    "conseiller.france-active@demo.aidess.fr": Role.ADVISOR,
    "financeur@demo.aidess.fr": Role.PROVIDER,
    "veille.regionale@demo.aidess.fr": Role.WATCH_AGENT,
    "veille.nationale@demo.aidess.fr": Role.WATCH_AGENT,
}


def load_demo(*args):
    call_command("load_demo", *args, verbosity=0)


def demo():
    return Structure.objects.filter(is_demo=True)


@pytest.fixture
def demo_sample():
    """2 000 demo structures, the default size (about half a second)."""
    load_demo("--structures", "2000")
    return list(
        demo().values(
            "siret",
            "name",
            "sector",
            "legal_form",
            "legal_category__legal_form",
            "rna_number",
            "commune__department_id",
            "commune__region_id",
            "department_id",
            "region_id",
            "department__region_id",
        )
    )


def test_creates_the_requested_number_of_structures_with_valid_unique_sirets():
    load_demo("--structures", "300")

    sirets = list(demo().values_list("siret", flat=True))
    assert len(sirets) == 300
    assert len(set(sirets)) == 300
    assert all(siret.is_valid(number) for number in sirets)


def test_demo_structures_are_consistent(demo_sample):
    for row in demo_sample:
        assert row["department_id"] == row["commune__department_id"]
        assert row["region_id"] == row["commune__region_id"] == row["department__region_id"]
        assert row["legal_form"] == row["legal_category__legal_form"]
        assert bool(row["rna_number"]) == (row["legal_form"] == "association")
        assert row["name"]


def test_sectors_follow_plausible_proportions(demo_sample):
    sectors = Counter(row["sector"] for row in demo_sample)
    assert set(sectors) == set(Sector.values)
    (largest, count), *_ = sectors.most_common()
    assert largest == Sector.CULTURE
    assert 0.14 < count / len(demo_sample) < 0.24
    forms = Counter(row["legal_form"] for row in demo_sample)
    assert forms.most_common(1)[0][0] == "association"
    assert forms["association"] / len(demo_sample) > 0.7


def test_structures_are_spread_by_population(demo_sample):
    per_department = Counter(row["department_id"] for row in demo_sample)
    assert per_department["59"] > per_department["48"] * 5  # Nord vs Lozère
    assert per_department["75"] > per_department["23"] * 5  # Paris vs Creuse
    by_size = list(
        Department.objects.annotate(
            population=Sum("communes__population", filter=Q(communes__kind="COM"))
        )
        .order_by("-population")
        .values_list("code", flat=True)
    )
    biggest, smallest = by_size[:10], by_size[-10:]
    in_big = sum(per_department[code] for code in biggest)
    in_small = sum(per_department[code] for code in smallest)
    assert in_big > 5 * in_small
    assert len(per_department) > 90  # the whole country, not a few cities


def test_one_demo_account_per_role_can_log_in_with_the_documented_password(client, capsys):
    call_command("load_demo", "--structures", "0")

    output = capsys.readouterr().out
    assert f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :" in output

    for email, role in DEMO_ROLES.items():
        response = client.post(
            reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        assert role in roles_of(response.wsgi_request.user), email
        assert email in output
        client.post(reverse("accounts:logout"))


def test_demo_member_sees_its_structure_on_the_dashboard(client):
    load_demo("--structures", "0")
    client.post(
        reverse("accounts:login"),
        {"username": "structure@demo.aidess.fr", "password": DEMO_PASSWORD},
    )
    assert "Théâtre Stéphane Gildas" in client.get(reverse("core:dashboard")).content.decode()


def test_running_again_does_not_duplicate(capsys):
    load_demo("--structures", "300")
    sirets = set(demo().values_list("siret", flat=True))
    users = User.objects.count()

    call_command("load_demo", "--structures", "300")

    assert set(demo().values_list("siret", flat=True)) == sirets
    assert User.objects.count() == users
    assert "300 structures de démonstration déjà présentes : conservées." in capsys.readouterr().out


def test_reset_replaces_demo_structures_only():
    mine = StructureFactory(name="Ma vraie structure")
    load_demo("--structures", "300")

    load_demo("--reset", "--structures", "40")

    assert demo().count() == 40
    assert Structure.objects.filter(pk=mine.pk).exists()
    assert Structure.objects.filter(name="Théâtre Stéphane Gildas").count() == 1


@pytest.mark.parametrize("count", ["1000001", "-1"])
def test_out_of_range_counts_are_refused_in_french(count):
    with pytest.raises(CommandError) as error:
        load_demo("--structures", count)
    assert str(error.value) == "--structures doit être compris entre 0 et 1000000."
    assert not demo().exists()


def test_the_demo_shows_moderation_to_the_funder_and_the_admin(client, capsys):
    """One demo aid per step: the funder reads a refusal's reason, the admin finds one to moderate."""
    load_demo("--structures", "0")
    load_demo("--structures", "0")  # again: nothing duplicated
    for email, expected in [
        (
            "financeur@demo.aidess.fr",
            "Aide au premier emploi associatif en Nouvelle-Aquitaine est refusée. Motif : Le règlement du fonds",
        ),
        ("admin@demo.aidess.fr", "Aides à modérer : 1"),
    ]:
        client.post(reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD})
        assert expected in text_of(client.get(reverse("core:dashboard")).content.decode())
        client.post(reverse("accounts:logout"))
    assert "3 aides de démonstration créées" in capsys.readouterr().out
