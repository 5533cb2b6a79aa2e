"""INSEE nomenclatures used to describe a structure: legal categories and NAF activities."""

from django.db import models

from aidess.nomenclatures.vocabulary import LEGAL_FORMS, text_choices_members

# Families of legal categories that eligibility rules speak about.
LegalForm = models.TextChoices("LegalForm", text_choices_members(LEGAL_FORMS))


class LegalCategory(models.Model):
    """INSEE catégorie juridique, level III (4 digits, e.g. 9220 "Association déclarée")."""

    code = models.CharField("code", max_length=4, primary_key=True)
    label = models.CharField("libellé", max_length=200)
    level2_label = models.CharField("libellé de niveau II", max_length=200, blank=True)
    legal_form = models.CharField("forme juridique", max_length=20, choices=LegalForm.choices)

    class Meta:
        verbose_name = "catégorie juridique"
        verbose_name_plural = "catégories juridiques"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"


class NafActivity(models.Model):
    """NAF rév. 2 sub-class (e.g. 90.01Z "Arts du spectacle vivant")."""

    code = models.CharField("code", max_length=6, primary_key=True)
    label = models.CharField("libellé", max_length=300)

    class Meta:
        verbose_name = "activité NAF"
        verbose_name_plural = "activités NAF"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"
