"""Typed eligibility criteria of an aid. Sectors and territory are the aid's own (catalog)."""

from collections import defaultdict

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from aidess.aids.models import Aid, AidSector
from aidess.eligibility.engine import Criteria, Territory


def bound(label, max_digits, validators):
    """An optional lower or upper bound of a criterion (None: no bound)."""
    return models.DecimalField(
        label,
        max_digits=max_digits,
        decimal_places=2,
        null=True,
        blank=True,
        validators=validators,
    )


FTE_VALIDATORS = [MinValueValidator(0, "Le nombre d'ETP ne peut pas être négatif.")]
BUDGET_VALIDATORS = [MinValueValidator(0, "Un budget ne peut pas être négatif.")]
SHARE_VALIDATORS = [
    MinValueValidator(0, "Entre 0 et 100 %%."),
    MaxValueValidator(100, "Entre 0 et 100 %%."),
]


class TargetingCriteria(models.Model):
    """The criteria fields an aid and an emergency plan share (sectors and territory are each
    one's own): `engine_criteria` turns them into the engine's `Criteria`, which
    `targeting.eligible_q` compiles to SQL."""

    legal_forms = models.JSONField("formes juridiques acceptées", default=list, blank=True)
    legal_forms_or_esus = models.BooleanField("ou toute entreprise agréée ESUS", default=False)
    ess_required = models.BooleanField("réservé aux structures de l'ESS", default=False)
    esus_required = models.BooleanField("agrément ESUS exigé", default=False)
    iae_required = models.BooleanField("réservé aux structures de l'IAE", default=False)
    employer_required = models.BooleanField("réservé aux employeurs", default=False)
    fte_min = bound("ETP minimum", 9, FTE_VALIDATORS)
    fte_max = bound("ETP maximum", 9, FTE_VALIDATORS)
    budget_min = bound("budget annuel minimum (€)", 14, BUDGET_VALIDATORS)
    budget_max = bound("budget annuel maximum (€)", 14, BUDGET_VALIDATORS)
    public_share_min = bound("part minimale de financements publics (%)", 5, SHARE_VALIDATORS)
    public_share_max = bound("part maximale de financements publics (%)", 5, SHARE_VALIDATORS)
    situations_any = models.JSONField("situations (au moins une)", default=list, blank=True)
    min_age_years = models.PositiveSmallIntegerField(
        "ancienneté minimale (ans)", null=True, blank=True
    )
    max_age_years = models.PositiveSmallIntegerField(
        "ancienneté maximale (ans)", null=True, blank=True
    )

    class Meta:
        abstract = True

    def engine_criteria(self, sectors, territory):
        return Criteria(
            legal_forms=frozenset(self.legal_forms),
            legal_forms_or_esus=self.legal_forms_or_esus,
            ess_required=self.ess_required,
            esus_required=self.esus_required,
            iae_required=self.iae_required,
            employer_required=self.employer_required,
            fte_min=self.fte_min,
            fte_max=self.fte_max,
            budget_min=self.budget_min,
            budget_max=self.budget_max,
            public_share_min=self.public_share_min,
            public_share_max=self.public_share_max,
            sectors=frozenset(sectors),
            territory=territory,
            situations_any=frozenset(self.situations_any),
            min_age_years=self.min_age_years,
            max_age_years=self.max_age_years,
        )


# The fields of TargetingCriteria in the order the forms show them, and their (low, high) pairs
# that a form checks are in order.
CRITERIA_FIELDS = [
    "legal_forms",
    "legal_forms_or_esus",
    "ess_required",
    "esus_required",
    "iae_required",
    "employer_required",
    "fte_min",
    "fte_max",
    "budget_min",
    "budget_max",
    "public_share_min",
    "public_share_max",
    "situations_any",
    "min_age_years",
    "max_age_years",
]
CRITERIA_RANGES = [
    ("fte_min", "fte_max"),
    ("budget_min", "budget_max"),
    ("public_share_min", "public_share_max"),
    ("min_age_years", "max_age_years"),
]


class AidCriteria(TargetingCriteria):
    aid = models.OneToOneField(Aid, models.CASCADE, related_name="criteria")
    provenance = models.TextField("source des critères", blank=True)

    class Meta:
        verbose_name = "critères d'éligibilité"
        verbose_name_plural = "critères d'éligibilité"

    def __str__(self):
        return f"Critères de {self.aid}"


def territory_of(aid):
    """The aid's scope as codes (prefetch regions, departments, epcis and communes for lists)."""
    return Territory(
        national=aid.is_national,
        regions=frozenset(region.code for region in aid.regions.all()),
        departments=frozenset(department.code for department in aid.departments.all()),
        epcis=frozenset(epci.siren for epci in aid.epcis.all()),
        communes=frozenset(commune.code for commune in aid.communes.all()),
    )


# Audiences of the Aides-territoires export that are ESS structures, as legal forms.
BENEFICIARY_LEGAL_FORMS = {
    "associations": {"association", "foundation"},
    "entreprises privées": {"cooperative", "mutual", "commercial_company"},
}


def legal_forms_of_beneficiaries(beneficiaries):
    """Imported aids carry no criteria, only their audiences ("Communes, Associations…")."""
    audiences = [part.strip().lower() for part in beneficiaries.split(",")]
    return frozenset().union(*(BENEFICIARY_LEGAL_FORMS.get(a, set()) for a in audiences))


def criteria_of(aid, sectors=None, territory=None):
    """Engine criteria of an aid. Without stored criteria an aid keeps its territory, its sectors
    and, when imported, the legal forms its audiences name. Lists pass `sectors` and `territory`
    read in bulk (see `with_engine_criteria`)."""
    if sectors is None:
        sectors = frozenset(item.sector for item in aid.sectors.all())
    if territory is None:
        territory = territory_of(aid)
    stored = getattr(aid, "criteria", None)
    if stored is None:
        return Criteria(
            legal_forms=legal_forms_of_beneficiaries(aid.beneficiaries),
            sectors=sectors,
            territory=territory,
        )
    return stored.engine_criteria(sectors, territory)


def codes_by_aid(rows):
    grouped = defaultdict(set)
    for aid_id, code in rows:
        grouped[aid_id].add(code)
    return grouped


def with_engine_criteria(aids_queryset):
    """The aids as a list, each with `engine_criteria`: five flat queries instead of Django's
    per-aid prefetching, which costs seconds for thousands of aids."""
    aids = list(aids_queryset.select_related("criteria"))
    selected = aids_queryset.values("pk")
    sectors = codes_by_aid(
        AidSector.objects.filter(aid__in=selected).values_list("aid_id", "sector")
    )
    places = {
        name: codes_by_aid(through.objects.filter(aid__in=selected).values_list("aid_id", column))
        for name, through, column in [
            ("regions", Aid.regions.through, "region_id"),
            ("departments", Aid.departments.through, "department_id"),
            ("epcis", Aid.epcis.through, "epci_id"),
            ("communes", Aid.communes.through, "commune_id"),
        ]
    }
    for aid in aids:
        territory = Territory(
            national=aid.is_national,
            **{name: frozenset(codes.get(aid.pk, ())) for name, codes in places.items()},
        )
        aid.engine_criteria = criteria_of(aid, frozenset(sectors.get(aid.pk, ())), territory)
    return aids
