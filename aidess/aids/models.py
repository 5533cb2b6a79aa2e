"""The aid catalog: national schemes from the seed documents, providers' aids and imported aids.

Eligibility criteria belong to the eligibility capability and will hang off `Aid` there; the catalog
only keeps what a person reads to decide (description, amounts, territory, dates, how to apply).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from aidess.aids.enums import AidKind, AidSource, AidStatus, AmountKind, Need, Recurrence
from aidess.history.bulk import create_logged
from aidess.organizations.models import Organization
from aidess.structures.enums import Sector
from aidess.territories.models import Commune, Department, Epci, Region


def places_of(commune=None, department=None, region=None):
    """{place kind: primary key} of a search's place: a commune brings its EPCI, department and
    region, a department its region; an explicit department or region wins."""
    department_id = department.pk if department else getattr(commune, "department_id", None)
    region_id = region.pk if region else getattr(commune, "region_id", None)
    if region_id is None and department is not None:
        region_id = department.region_id
    found = {
        "region": region_id,
        "department": department_id,
        "epci": getattr(commune, "epci_id", None),
        "commune": getattr(commune, "pk", None),
    }
    return {kind: value for kind, value in found.items() if value}


class AidQuerySet(models.QuerySet):
    def searchable(self, day, include_closed=False, open_now=False, closing_by=None):
        """Status and dates of the search, in one filter: published aids not past their closing
        date; closed aids too on demand; only those open on `day` (opening window included)
        and, with `closing_by`, closing on or before that date."""
        open_today = open_now or closing_by is not None  # an aid closing soon must be open today
        if open_today or not include_closed:
            conditions = [
                models.Q(status=AidStatus.PUBLISHED),
                models.Q(closing_date__isnull=True) | models.Q(closing_date__gte=day),
            ]
        else:
            conditions = [models.Q(status__in=[AidStatus.PUBLISHED, AidStatus.CLOSED])]
        if open_today:
            conditions.append(models.Q(opening_date__isnull=True) | models.Q(opening_date__lte=day))
        if closing_by is not None:
            conditions.append(models.Q(closing_date__lte=closing_by))
        return self.filter(*conditions)

    def available_in(self, places):
        """National aids plus those whose territory contains one of `places` ({kind: key}, see
        `places_of`).

        The local aids' ids come from one uncorrelated subquery over the territory tables, run
        once per query: PostgreSQL then combines the partial index on national aids with the
        primary key (`= ANY(ARRAY(...))`) and tests the text of those rows only.
        """
        if not places:
            return self.filter(is_national=True)
        relations = {
            "region": Aid.regions,
            "department": Aid.departments,
            "epci": Aid.epcis,
            "commune": Aid.communes,
        }
        selects = []
        for kind in places:
            through, field = relations[kind].through, relations[kind].field
            selects.append(
                f"SELECT {through._meta.get_field('aid').column} FROM {through._meta.db_table} "
                f"WHERE {through._meta.get_field(field.m2m_reverse_field_name()).column} = %s"
            )
        local_ids, aid = " UNION ALL ".join(selects), Aid._meta.db_table
        if connection.vendor == "postgresql":
            where = f"({aid}.is_national OR {aid}.id = ANY(ARRAY({local_ids})))"
        else:
            where = f"({aid}.is_national OR {aid}.id IN ({local_ids}))"
        return self.extra(where=[where], params=list(places.values()))

    def for_sector(self, sector):
        """Aids for that sector, and aids open to every sector (no sector listed). Written as
        SQL: a third of the searches use it, and its two subqueries cost Django more to build
        and compile than the database to run."""
        aid, sectors = Aid._meta.db_table, AidSector._meta.db_table
        aid_id = AidSector._meta.get_field("aid").column
        return self.extra(
            where=[
                f"({aid}.id IN (SELECT {aid_id} FROM {sectors} WHERE sector = %s)"
                f" OR {aid}.id NOT IN (SELECT {aid_id} FROM {sectors}))"
            ],
            params=[sector],
        )


class Aid(models.Model):
    name = models.CharField("nom", max_length=300)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    short_description = models.CharField("en bref", max_length=400)
    description = models.TextField("description", blank=True)
    kind = models.CharField("nature de l'aide", max_length=20, choices=AidKind.choices)
    providers = models.ManyToManyField(
        Organization, related_name="aids", verbose_name="porteurs de l'aide"
    )
    co_funders = models.ManyToManyField(
        Organization, related_name="co_funded_aids", blank=True, verbose_name="cofinanceurs"
    )
    amount_kind = models.CharField(
        "type de montant", max_length=10, choices=AmountKind.choices, default=AmountKind.NONE
    )
    amount_min_eur = models.DecimalField(
        "montant minimum (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max_eur = models.DecimalField(
        "montant maximum ou forfait (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    rate_percent = models.DecimalField(
        "taux (% du budget)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount_note = models.CharField("précisions sur le montant", max_length=300, blank=True)
    is_national = models.BooleanField("aide nationale", default=False)
    regions = models.ManyToManyField(Region, blank=True, verbose_name="régions")
    departments = models.ManyToManyField(Department, blank=True, verbose_name="départements")
    epcis = models.ManyToManyField(Epci, blank=True, verbose_name="EPCI")
    communes = models.ManyToManyField(Commune, blank=True, verbose_name="communes")
    opening_date = models.DateField("date d'ouverture", null=True, blank=True)
    closing_date = models.DateField("date de clôture", null=True, blank=True)
    recurrence = models.CharField(
        "récurrence", max_length=10, choices=Recurrence.choices, default=Recurrence.PERMANENT
    )
    is_call_for_projects = models.BooleanField("appel à projets", default=False)
    status = models.CharField(
        "statut", max_length=10, choices=AidStatus.choices, default=AidStatus.DRAFT
    )
    apply_in_aidess = models.BooleanField("demande dans AidESS", default=False)
    application_url = models.URLField("lien pour demander l'aide", blank=True)
    contact = models.TextField("contact", blank=True)
    contact_url = models.URLField("page de contact", blank=True)
    beneficiaries = models.CharField("bénéficiaires (texte d'origine)", max_length=500, blank=True)
    source = models.CharField("origine", max_length=20, choices=AidSource.choices)
    source_key = models.CharField("identifiant à la source", max_length=200, blank=True)
    source_url = models.URLField("page d'origine", max_length=500, blank=True)
    provenance = models.TextField("provenance des informations", blank=True)
    provider_names = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("dernière mise à jour", auto_now=True)

    objects = AidQuerySet.as_manager()

    class Meta:
        verbose_name = "aide"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=~models.Q(source_key=""),
                name="unique_aid_source_key",
            )
        ]
        indexes = [
            models.Index(fields=["status", "closing_date"]),
            models.Index(
                fields=["id"], condition=models.Q(is_national=True), name="aids_aid_national_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("aids:detail", args=[self.slug])

    @property
    def provider_list(self):
        """Provider names kept on the aid by `fulltext.reindex`: result lists need no join."""
        return self.provider_names.splitlines()

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return (
            self.status == AidStatus.PUBLISHED
            and (self.opening_date is None or self.opening_date <= day)
            and (self.closing_date is None or self.closing_date >= day)
        )


class AidSector(models.Model):
    """Sectors an aid is reserved to; an aid with none is open to every sector."""

    aid = models.ForeignKey(Aid, models.CASCADE, related_name="sectors")
    sector = models.CharField("secteur", max_length=30, choices=Sector.choices)

    class Meta:
        verbose_name = "secteur visé"
        constraints = [models.UniqueConstraint(fields=["aid", "sector"], name="unique_aid_sector")]
        indexes = [models.Index(fields=["sector", "aid"])]

    def __str__(self):
        return self.get_sector_display()


class AidNeed(models.Model):
    """A need the aid answers (see `enums.Need`): from the seed documents for the national
    schemes, by `importers.needs_of_imported` for Aides-territoires aids. Ranks results."""

    aid = models.ForeignKey(Aid, models.CASCADE, related_name="needs")
    need = models.CharField("besoin", max_length=20, choices=Need.choices)

    class Meta:
        verbose_name = "besoin couvert"
        verbose_name_plural = "besoins couverts"
        constraints = [models.UniqueConstraint(fields=["aid", "need"], name="unique_aid_need")]
        indexes = [models.Index(fields=["need", "aid"])]

    def __str__(self):
        return self.get_need_display()


def replace_rows(aid, model, field, values):
    """Keep the aid's rows of `model` whose `field` is among `values`, delete the others and
    create the missing ones: an unchanged list writes nothing, not even in the history."""
    wanted = set(values)
    rows = model.objects.filter(aid=aid)
    rows.exclude(**{f"{field}__in": wanted}).delete()
    kept = set(rows.values_list(field, flat=True))
    create_logged(model, [model(aid=aid, **{field: value}) for value in sorted(wanted - kept)])


def set_needs(aid, needs):
    """Replace the needs the aid answers by `needs` (values of `Need`)."""
    replace_rows(aid, AidNeed, "need", needs)


def set_sectors(aid, sectors):
    """Replace the sectors the aid is reserved to by `sectors` (values of `Sector`)."""
    replace_rows(aid, AidSector, "sector", sectors)


def unique_slug(text, max_length=110):
    """A slug for a new aid; slugs never change afterwards, since the API relies on them."""
    base = slugify(text)[:max_length] or "aide"
    slug, suffix = base, 2
    while Aid.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
