"""Aid providers: the structures potentially eligible to their aid (counts and CSV, limited to their
territory), and the criteria part of their aid form."""

import csv
import html
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from aidess.aids.enums import AidKind, AidSource, AidStatus
from aidess.aids.models import Aid
from aidess.eligibility.models import AidCriteria
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.structures.models import StructureMembership
from aidess.territories.models import Commune
from tests.factories import StructureFactory, UserFactory, partner

pytestmark = pytest.mark.django_db


def regional_provider(*regions):
    return partner(OrganizationKind.PROVIDER, ScopeLevel.REGIONAL, regions=regions)


def organization_of(user):
    return Organization.objects.get(memberships__user=user)


def page_url(aid):
    return reverse("eligibility:eligible_structures", args=[aid.slug])


def csv_url(aid):
    return reverse("eligibility:eligible_structures_csv", args=[aid.slug])


def text(response):
    return html.unescape(response.content.decode())


def plain(response):
    """What a reader sees: tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text(response)))


@pytest.fixture
def provider():
    return regional_provider("32")


@pytest.fixture
def aid(provider):
    """A national aid for ESS employers, published by the provider of Hauts-de-France."""
    aid = Aid.objects.create(
        name="Fonds pour l'emploi associatif",
        slug="fonds-emploi-associatif",
        short_description="Soutien aux emplois des structures de l'ESS.",
        kind=AidKind.GRANT,
        status=AidStatus.PUBLISHED,
        is_national=True,
        source=AidSource.PROVIDER,
    )
    aid.providers.add(organization_of(provider))
    AidCriteria.objects.create(aid=aid, ess_required=True, employer_required=True)
    return aid


def structure(name, commune, fte, sector="culture", is_ess=True):
    return StructureFactory(
        name=name,
        commune=Commune.objects.get(code=commune),
        employees_fte=None if fte is None else Decimal(fte),
        sector=sector,
        is_ess=is_ess,
    )


@pytest.fixture
def structures():
    return {
        "lille_culture": structure("Théâtre du Nord", "59350", "3"),
        "lille_health": structure("Soins à domicile lillois", "59350", "1", "health_social"),
        "amiens": structure("Maison de santé d'Amiens", "80021", "2", "health_social"),
        # Not eligible: not ESS, no employee, employees unknown.
        "company": structure("Boutique lilloise", "59350", "5", is_ess=False),
        "volunteers": structure("Bénévoles de Roubaix", "59512", "0"),
        "unknown": structure("Chorale de Lille", "59350", None),
        # Eligible, but outside the provider's region.
        "rennes": structure("Théâtre de Rennes", "35238", "4"),
    }


def table(page, caption):
    """[(first cell, count)] of the table with that caption."""
    body = page.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(\d+)</td></tr>", body)
    return [(label, int(count)) for label, count in rows]


def test_regional_provider_sees_counts_for_its_region(client, login, provider, aid, structures):
    login(provider)
    response = client.get(page_url(aid))
    assert response.status_code == 200
    page = text(response)
    assert "3 structures de votre territoire remplissent tous les critères." in plain(response)
    assert table(page, "Par région") == [("Hauts-de-France", 3)]
    assert table(page, "Par département (30 premiers)") == [("Nord (59)", 2), ("Somme (80)", 1)]
    assert table(page, "Par secteur") == [("Santé, médico-social", 2), ("Culture", 1)]
    assert "Rennes" not in page and "Bretagne" not in page


def test_csv_lists_the_eligible_structures_of_the_provider_region(
    client, login, provider, aid, structures
):
    login(provider)
    response = client.get(csv_url(aid))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="structures-eligibles-fonds-emploi-associatif.csv"'
    )
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert rows[0] == [
        "SIRET",
        "Nom",
        "Forme juridique",
        "Secteur",
        "Commune",
        "Département",
        "Région",
        "ETP",
        "Budget annuel (€)",
    ]
    by_name = {row[1]: row for row in rows[1:]}
    assert sorted(by_name) == [
        "Maison de santé d'Amiens",
        "Soins à domicile lillois",
        "Théâtre du Nord",
    ]
    assert by_name["Maison de santé d'Amiens"][2:7] == [
        "Association",
        "Santé, médico-social",
        "Amiens",
        "80",
        "Hauts-de-France",
    ]


def csv_rows(response):
    content = response.content.decode("utf-8")
    return {row[1]: row for row in csv.reader(io.StringIO(content[1:]), delimiter=";")}


def test_csv_writes_zero_fte_as_zero_and_unknown_as_blank(client, login, provider, aid):
    aid.criteria.employer_required = False
    aid.criteria.save()
    structure("Bénévoles de Lille", "59350", "0")
    structure("Chorale de Lille", "59350", None)
    login(provider)
    rows = csv_rows(client.get(csv_url(aid)))
    assert rows["Bénévoles de Lille"][7] == "0.00"
    assert rows["Chorale de Lille"][7] == ""


def test_platform_admin_sees_every_region(client, login, aid, structures):
    login(UserFactory(admin=True))
    response = client.get(page_url(aid))
    assert "4 structures de votre territoire remplissent tous les critères." in plain(response)
    assert "Théâtre de Rennes" in csv_rows(client.get(csv_url(aid)))


def test_provider_with_two_regions_sees_both(client, login, aid, structures):
    both = regional_provider("32", "53")
    aid.providers.add(organization_of(both))
    login(both)
    response = client.get(page_url(aid))
    page = text(response)
    assert "4 structures de votre territoire remplissent tous les critères." in plain(response)
    assert table(page, "Par région") == [("Hauts-de-France", 3), ("Bretagne", 1)]


def test_eligible_structures_follow_the_aid_territory(client, login, provider, aid, structures):
    aid.is_national = False
    aid.save()
    aid.departments.set(["80"])
    login(provider)
    response = client.get(page_url(aid))
    page = text(response)
    assert "1 structure de votre territoire remplit tous les critères." in plain(response)
    assert table(page, "Par département (30 premiers)") == [("Somme (80)", 1)]


def test_provider_of_another_organisation_cannot_see_the_structures(client, login, aid, structures):
    other = regional_provider("32")
    login(other)
    for url in (page_url(aid), csv_url(aid)):
        response = client.get(url)
        # The aid is public (read-only for them): 403; the structures never show.
        assert response.status_code == 403, url
        assert "Théâtre du Nord" not in text(response)
    aid.status = AidStatus.DRAFT
    aid.save()
    for url in (page_url(aid), csv_url(aid)):
        assert client.get(url).status_code == 404, url  # a draft's existence does not leak


def test_structure_member_and_anonymous_cannot_see_the_structures(client, login, aid, structures):
    for url in (page_url(aid), csv_url(aid)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    member = UserFactory()
    StructureMembership.objects.create(user=member, structure=structures["lille_culture"])
    login(member)
    for url in (page_url(aid), csv_url(aid)):
        assert client.get(url).status_code == 403, url


def test_huge_age_bounds_do_not_break_the_page(client, login, provider, aid, structures):
    """Found by the property test: a maximum age reaching before year 1 raised ValueError."""
    aid.criteria.max_age_years = 32767
    aid.criteria.save()
    structures["lille_culture"].creation_date = "1901-07-01"
    structures["lille_culture"].save()
    login(provider)
    response = client.get(page_url(aid))
    assert response.status_code == 200
    assert "1 structure de votre territoire remplit tous les critères." in plain(response)


# The aid form's criteria

AID_FIELDS = {
    "name": "Fonds régional pour l'emploi associatif",
    "short_description": "Aide aux postes des associations employeuses.",
    "kind": "grant",
    "amount_kind": "none",
    "regions": ["32"],
    "recurrence": "permanent",
}
CRITERIA_FIELDS = {
    "criteria-legal_forms": ["association", "cooperative"],
    "criteria-ess_required": "on",
    "criteria-employer_required": "on",
    "criteria-fte_min": "1",
    "criteria-fte_max": "10",
    "criteria-budget_max": "500000",
    "criteria-situations_any": ["cash_shortfall", "public_funding_cut"],
    "criteria-min_age_years": "2",
    "criteria-provenance": "Règlement du fonds, article 2.",
}


def error_of(page, field):
    match = re.search(
        rf'id="id_{field}-desc-error">\s*<ul class="errorlist">\s*<li class="fr-error-text">\s*'
        r"(.*?)\s*</li>",
        page,
        re.S,
    )
    return match and match[1]


def test_new_aid_is_saved_with_its_criteria(client, login, provider, structures):
    login(provider)
    data = {**AID_FIELDS, **CRITERIA_FIELDS, "providers": [organization_of(provider).pk]}
    response = client.post(reverse("aids:create"), data)
    aid = Aid.objects.get(name=AID_FIELDS["name"])
    assert response.status_code == 302
    assert response["Location"] == aid.get_absolute_url()
    criteria = AidCriteria.objects.get(aid=aid)
    assert sorted(criteria.legal_forms) == ["association", "cooperative"]
    assert (criteria.ess_required, criteria.employer_required, criteria.iae_required) == (
        True,
        True,
        False,
    )
    assert (criteria.fte_min, criteria.fte_max) == (Decimal("1"), Decimal("10"))
    assert (criteria.budget_min, criteria.budget_max) == (None, Decimal("500000"))
    assert sorted(criteria.situations_any) == ["cash_shortfall", "public_funding_cut"]
    assert (criteria.min_age_years, criteria.max_age_years) == (2, None)
    assert criteria.provenance == "Règlement du fonds, article 2."

    # The targeting reads them: no structure of the region has declared a difficulty yet.
    response = client.get(page_url(aid))
    assert "aucune structure de votre territoire ne remplit" in plain(response)


def test_editing_an_aid_updates_its_criteria(client, login, provider, aid, structures):
    login(provider)
    form = client.get(reverse("aids:update", args=[aid.slug]))
    assert form.status_code == 200
    assert 'name="criteria-ess_required"' in text(form)
    data = {
        **AID_FIELDS,
        "name": aid.name,
        "providers": [organization_of(provider).pk],
        "criteria-ess_required": "on",
        "criteria-employer_required": "on",
        "criteria-fte_min": "1.5",
    }
    response = client.post(reverse("aids:update", args=[aid.slug]), data)
    assert response.status_code == 302
    aid.criteria.refresh_from_db()
    assert aid.criteria.fte_min == Decimal("1.5")
    assert aid.criteria.legal_forms == []
    # Now limited to Hauts-de-France and to 1.5 FTE or more: Lille's 3 FTE theatre and Amiens.
    response = client.get(page_url(aid))
    assert "2 structures de votre territoire remplissent tous les critères." in plain(response)


@pytest.mark.parametrize(
    ("low", "high", "low_value", "high_value"),
    [
        ("criteria-fte_min", "criteria-fte_max", "10", "3"),
        ("criteria-budget_min", "criteria-budget_max", "200000", "150000"),
        ("criteria-public_share_min", "criteria-public_share_max", "60", "40"),
        ("criteria-min_age_years", "criteria-max_age_years", "5", "2"),
    ],
)
def test_minimum_above_maximum_is_refused(
    client, login, provider, low, high, low_value, high_value
):
    login(provider)
    data = {
        **AID_FIELDS,
        "providers": [organization_of(provider).pk],
        low: low_value,
        high: high_value,
    }
    response = client.post(reverse("aids:create"), data)
    assert response.status_code == 200
    page = text(response)
    assert error_of(page, high) == "Le maximum doit être supérieur ou égal au minimum."
    assert f'name="{low}" value="{low_value}"' in page
    assert not Aid.objects.filter(name=AID_FIELDS["name"]).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("criteria-fte_min", "-1", "Le nombre d'ETP ne peut pas être négatif."),
        ("criteria-budget_max", "-5", "Un budget ne peut pas être négatif."),
        ("criteria-public_share_max", "150", "Entre 0 et 100 %."),
        ("criteria-fte_max", "trois", "Saisissez un nombre."),
    ],
)
def test_invalid_criteria_are_explained(client, login, provider, field, value, message):
    login(provider)
    data = {**AID_FIELDS, "providers": [organization_of(provider).pk], field: value}
    response = client.post(reverse("aids:create"), data)
    assert response.status_code == 200
    assert error_of(text(response), field) == message
    assert not Aid.objects.filter(name=AID_FIELDS["name"]).exists()


def test_structures_without_sector_are_counted_last_as_unknown(client, login, provider, aid):
    structure("Atelier sans secteur", "59350", "2", sector="")
    structure("Autre atelier sans secteur", "59350", "2", sector="")
    structure("Théâtre de Lille", "59350", "2")
    login(provider)
    page = text(client.get(page_url(aid)))
    assert table(page, "Par secteur") == [("Non renseigné", 2), ("Culture", 1)]
    assert table(page, "Par département (30 premiers)") == [("Nord (59)", 3)]


def test_no_eligible_structure_is_said_in_words(client, login, provider, aid):
    structure("Boutique lilloise", "59350", "5", is_ess=False)
    login(provider)
    response = client.get(page_url(aid))
    assert "aucune structure de votre territoire ne remplit tous les critères." in plain(response)
    assert table(text(response), "Par région") == []


def test_administrator_sees_structures_without_seat_counted_last(client, login, aid, structures):
    StructureFactory(name="Association sans siège connu", commune=None, employees_fte=Decimal(2))
    login(UserFactory(admin=True))
    page = text(client.get(page_url(aid)))
    assert table(page, "Par région") == [
        ("Hauts-de-France", 3),
        ("Bretagne", 1),
        ("Non renseignée", 1),
    ]
    assert table(page, "Par département (30 premiers)")[-1] == ("Non renseigné", 1)
