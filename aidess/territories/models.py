"""French territories from INSEE's code officiel géographique (COG)."""

from django.db import models


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, models.PROTECT, related_name="departments")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    class Kind(models.TextChoices):
        CC = "CC", "Communauté de communes"
        CA = "CA", "Communauté d'agglomération"
        CU = "CU", "Communauté urbaine"
        ME = "ME", "Métropole"

    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=2, choices=Kind.choices)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommuneQuerySet(models.QuerySet):
    def selectable(self):
        """Communes a structure can have its seat in: communes and municipal districts."""
        return self.filter(kind__in=[Commune.Kind.COMMUNE, Commune.Kind.MUNICIPAL_DISTRICT])


class Commune(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "COM", "Commune"
        MUNICIPAL_DISTRICT = "ARM", "Arrondissement municipal"
        DELEGATED = "COMD", "Commune déléguée"
        ASSOCIATED = "COMA", "Commune associée"
        NO_MUNICIPAL_STATUS = "SRM", "Collectivité sans statut municipal"

    # 5 characters, except the COG's pseudo-codes of SRM sectors (e.g. "75056SR01").
    code = models.CharField("code INSEE", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    kind = models.CharField("type", max_length=4, choices=Kind.choices)
    department = models.ForeignKey(Department, models.PROTECT, related_name="communes", null=True)
    region = models.ForeignKey(Region, models.PROTECT, related_name="communes", null=True)
    epci = models.ForeignKey(Epci, models.SET_NULL, related_name="communes", null=True, blank=True)
    population = models.PositiveIntegerField("population municipale", default=0)
    postal_codes = models.CharField("codes postaux", max_length=200, blank=True)
    parent = models.ForeignKey("self", models.SET_NULL, null=True, blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """What the commune field shows and accepts back: "Lille (59350)"."""
        return f"{self.name} ({self.code})"

    @property
    def postal_code_list(self):
        return [code for code in self.postal_codes.split("|") if code]
