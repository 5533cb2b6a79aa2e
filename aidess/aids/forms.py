from django import forms
from django.db import transaction
from dsfr.forms import DsfrBaseForm

from aidess.aids.enums import AidSource, AidStatus, AmountKind, Need
from aidess.aids.fulltext import reindex
from aidess.aids.models import Aid, set_needs, set_sectors, unique_slug
from aidess.aids.permissions import publishing_organizations, statuses_allowed
from aidess.organizations.enums import Role
from aidess.organizations.permissions import scope_for
from aidess.structures.enums import Sector


class AidForm(DsfrBaseForm, forms.ModelForm):
    """What a provider fills in to publish an aid; an administrator then moderates it."""

    sectors = forms.MultipleChoiceField(
        label="Secteurs visés",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Laissez vide si l'aide est ouverte à tous les secteurs.",
    )
    needs = forms.MultipleChoiceField(
        label="Besoins auxquels l'aide répond",
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les structures qui déclarent ces besoins verront l'aide en premier.",
    )

    class Meta:
        model = Aid
        fields = [
            "name",
            "short_description",
            "description",
            "kind",
            "providers",
            "co_funders",
            "amount_kind",
            "amount_min_eur",
            "amount_max_eur",
            "rate_percent",
            "amount_note",
            "is_national",
            "regions",
            "departments",
            "opening_date",
            "closing_date",
            "recurrence",
            "is_call_for_projects",
            "status",
            "apply_in_aidess",
            "application_url",
            "contact",
            "contact_url",
        ]
        widgets = {
            "opening_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closing_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "providers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.scope = scope_for(user, Role.PROVIDER)
        self.fields["providers"].queryset = publishing_organizations(user)
        self.fields["co_funders"].required = False
        allowed = statuses_allowed(user, self.instance)
        if AidStatus.PUBLISHED not in allowed:
            self.fields[
                "status"
            ].help_text = (
                "Une nouvelle aide reste en brouillon jusqu'à sa validation par l'équipe AidESS."
            )
        self.fields["status"].choices = [(s.value, s.label) for s in allowed]
        # Co-providers outside the user's organisations are not offered, so must be kept as is.
        self.other_providers = []
        if self.instance.pk:
            self.initial["sectors"] = list(self.instance.sectors.values_list("sector", flat=True))
            self.initial["needs"] = list(self.instance.needs.values_list("need", flat=True))
            self.other_providers = list(
                self.instance.providers.exclude(pk__in=self.fields["providers"].queryset)
            )

    def clean(self):
        data = super().clean()
        self.check_amounts(data)
        self.check_dates(data)
        self.check_territory(data)
        return data

    def check_amounts(self, data):
        kind, low, high = (
            data.get("amount_kind"),
            data.get("amount_min_eur"),
            data.get("amount_max_eur"),
        )
        for name in ("amount_min_eur", "amount_max_eur"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, "Un montant ne peut pas être négatif.")
        rate = data.get("rate_percent")
        # Each kind shows some amounts only: one typed but not shown would be lost without a word.
        if kind == AmountKind.NONE and (low is not None or high is not None or rate is not None):
            self.add_error(
                "amount_kind",
                "Vous avez indiqué un montant ou un taux : choisissez le type de montant "
                "(forfait, fourchette ou taux d'un budget), ou effacez-le.",
            )
        if kind == AmountKind.FLAT and high is None:
            self.add_error("amount_max_eur", "Indiquez le montant forfaitaire.")
        if kind in (AmountKind.FLAT, AmountKind.RATE) and low is not None:
            self.add_error(
                "amount_min_eur",
                "Un forfait ou un taux n'a pas de minimum : laissez ce champ vide, "
                "ou choisissez « Fourchette ».",
            )
        if kind == AmountKind.RANGE and high is None:
            self.add_error("amount_max_eur", "Indiquez le montant maximum de la fourchette.")
        if kind == AmountKind.RANGE and low is not None and high is not None and low > high:
            self.add_error("amount_max_eur", "Le maximum doit être supérieur ou égal au minimum.")
        if kind in (AmountKind.FLAT, AmountKind.RANGE) and rate is not None:
            self.add_error(
                "rate_percent", "Un taux ne s'indique qu'avec le type « Taux d'un budget »."
            )
        if kind == AmountKind.RATE and rate is None:
            self.add_error("rate_percent", "Indiquez le taux.")
        if rate is not None and not 0 <= rate <= 100:
            self.add_error("rate_percent", "Le taux est compris entre 0 et 100 %.")

    def check_dates(self, data):
        opening, closing = data.get("opening_date"), data.get("closing_date")
        if opening and closing and closing < opening:
            self.add_error("closing_date", "La clôture ne peut pas précéder l'ouverture.")

    def check_territory(self, data):
        regions, departments = data.get("regions") or [], data.get("departments") or []
        if not data.get("is_national") and not regions and not departments:
            self.add_error(
                "regions", "Choisissez le territoire de l'aide, ou cochez « aide nationale »."
            )
        if self.user.is_platform_admin or self.scope.national:
            return
        if data.get("is_national"):
            self.add_error("is_national", "Votre organisation ne publie que sur son territoire.")
        outside = {
            "regions": [r.name for r in regions if r.code not in self.scope.region_codes],
            "departments": [
                d.name
                for d in departments
                if d.code not in self.scope.department_codes
                and d.region_id not in self.scope.region_codes
            ],
        }
        for field, names in outside.items():  # each error under the field that holds it
            if names:
                self.add_error(
                    field, f"Hors du territoire de votre organisation : {', '.join(names)}."
                )

    @transaction.atomic
    def save(self, commit=True):
        aid = super().save(commit=False)
        if not aid.pk:
            aid.source = AidSource.PROVIDER
            aid.slug = unique_slug(aid.name)
        aid.save()
        self.save_m2m()
        aid.providers.add(*self.other_providers)
        set_sectors(aid, self.cleaned_data.get("sectors", []))
        set_needs(aid, self.cleaned_data.get("needs", []))
        reindex(Aid.objects.filter(pk=aid.pk))
        return aid
