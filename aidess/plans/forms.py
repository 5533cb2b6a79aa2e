"""The plan's form (a draft: definition, territory, period, targeting criteria, measures, who
follows it), the follow-up list's filters and the follow-up line's forms."""

from django import forms
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from aidess.accounts.models import User
from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.core.dates import bound_date_fields
from aidess.core.fields import EuroField
from aidess.core.widgets import LongSelect, LongSelectMultiple
from aidess.eligibility.models import CRITERIA_FIELDS, CRITERIA_RANGES
from aidess.nomenclatures.models import LegalForm
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.orientation.models import SupportOffer
from aidess.plans.enums import FollowUpStatus, PlanLevel
from aidess.plans.models import EmergencyPlan
from aidess.plans.permissions import plans_visible_to, regions_plannable_by
from aidess.structures.enums import Sector, Situation
from aidess.territories.models import Department, Region
from aidess.watch.permissions import cells_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LabelledChoiceField(forms.ModelMultipleChoiceField):
    """Options named so that one can tell them apart in a long list."""

    def label_from_instance(self, obj):
        if isinstance(obj, SupportOffer):
            return f"{obj.scheme.name} — {obj.organization.name}"
        if isinstance(obj, User):
            return f"{obj.get_full_name() or obj.email} ({obj.email})"
        if isinstance(obj, Department):
            return f"{obj.code} — {obj.name}"
        return str(obj)


class PlanForm(DsfrBaseForm, forms.ModelForm):
    """A draft plan. The regions offered are those the user may plan in (a regional cell's
    agent: its region); the status is never a field (the plan's buttons change it)."""

    cell = forms.ModelChoiceField(
        label="Cellule qui porte le plan", queryset=Organization.objects.none(), required=False
    )
    sectors = forms.MultipleChoiceField(
        label="Secteurs visés",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucune case cochée : tous les secteurs.",
    )
    legal_forms = forms.MultipleChoiceField(
        label="Formes juridiques visées",
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Aucune case cochée : toutes les formes juridiques.",
    )
    situations_any = forms.MultipleChoiceField(
        label="Structures qui connaissent au moins une de ces situations",
        choices=Situation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Aucune case cochée : quelle que soit leur situation.",
    )

    class Meta:
        model = EmergencyPlan
        fields = [
            "name",
            "trigger",
            "description",
            "level",
            "regions",
            "departments",
            "parent",
            "sectors",
            "starts_on",
            "ends_on",
            *CRITERIA_FIELDS,
            "aids",
            "support_offers",
            "envelope_eur",
            "organizations",
            "managers",
            "include_followed",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "level": forms.RadioSelect,
            "regions": forms.CheckboxSelectMultiple,
            "departments": LongSelectMultiple(attrs={"size": 8}),
            "parent": LongSelect,
            "aids": LongSelectMultiple(attrs={"size": 10}),
            "support_offers": LongSelectMultiple(attrs={"size": 8}),
            "organizations": LongSelectMultiple(attrs={"size": 8}),
            "managers": LongSelectMultiple(attrs={"size": 6}),
            "envelope_eur": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        field_classes = {
            "envelope_eur": EuroField,
            "departments": LabelledChoiceField,
            "support_offers": LabelledChoiceField,
            "managers": LabelledChoiceField,
        }
        labels = {
            "name": "Nom du plan",
            "starts_on": "Début du plan",
            "ends_on": "Fin du plan",
            "level": "Niveau du plan",
        }
        help_texts = {
            "departments": "Facultatif : sans département, toute la région. Ctrl ou Cmd + clic "
            "pour en choisir plusieurs.",
            "aids": "Les aides publiées du catalogue. Ctrl ou Cmd + clic pour en choisir plusieurs.",
            "support_offers": "Les offres des organismes d'accompagnement.",
            "organizations": "Leurs membres suivent les structures de leur territoire.",
            "managers": "Ils modifient, activent et clôturent le plan avec la cellule.",
            "parent": "Pour un plan régional qui décline un plan national.",
            "regions": "Une seule pour un plan régional ; aucune pour un plan national sur toute "
            "la France.",
        }

    # Legends and rows of the page; a row of two fields (a minimum and its maximum) sits side by
    # side on a wide screen.
    FIELDSETS = [
        ("Le plan", ["cell", "name", "trigger", "description", "level", "parent"]),
        ("Territoire et période", ["regions", "departments", ("starts_on", "ends_on")]),
        (
            "Structures ciblées",
            [
                "sectors",
                "legal_forms",
                "legal_forms_or_esus",
                "ess_required",
                "esus_required",
                "iae_required",
                "employer_required",
                *CRITERIA_RANGES,
                "situations_any",
                "include_followed",
            ],
        ),
        ("Mesures mobilisées", ["aids", "support_offers", "envelope_eur"]),
        ("Qui suit le plan", ["organizations", "managers"]),
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        plan = self.instance
        self.plannable = regions_plannable_by(user)
        if self.plannable is not None and plan.pk:
            self.plannable |= set(plan.regions.values_list("code", flat=True))
        regions = Region.objects.order_by("name")
        departments = Department.objects.order_by("code")
        if self.plannable is not None:
            regions = regions.filter(code__in=self.plannable)
            departments = departments.filter(region__in=self.plannable)
        fields = self.fields
        fields["regions"].queryset = regions
        fields["departments"].queryset = departments
        fields["level"].choices = (
            [(PlanLevel.REGIONAL, PlanLevel.REGIONAL.label)]
            if self.plannable is not None and plan.level != PlanLevel.NATIONAL
            else PlanLevel.choices
        )
        if not plan.pk:
            self.initial["level"] = self.initial.get("level") or PlanLevel.REGIONAL
            if len(self.plannable or ()) == 1:
                self.initial["regions"] = list(self.plannable)
        fields["parent"].queryset = (
            plans_visible_to(user).filter(level=PlanLevel.NATIONAL).exclude(pk=plan.pk)
        )
        fields["parent"].empty_label = "Aucun"
        fields["aids"].queryset = Aid.objects.filter(
            Q(status=AidStatus.PUBLISHED) | Q(pk__in=plan.aids.values("pk") if plan.pk else [])
        ).order_by("name")
        fields["support_offers"].queryset = SupportOffer.objects.filter(
            Q(is_active=True) | Q(pk__in=plan.support_offers.values("pk") if plan.pk else [])
        ).select_related("scheme", "organization")
        fields["organizations"].queryset = (
            Organization.objects.filter(is_active=True)
            .exclude(kind=OrganizationKind.WATCH_CELL)
            .order_by("name")
        )
        fields["managers"].queryset = (
            User.objects.filter(
                Q(organization_memberships__is_active=True)
                | Q(pk__in=plan.managers.values("pk") if plan.pk else [])
            )
            .distinct()
            .order_by("last_name", "email")
        )
        bound_date_fields(self, names=["starts_on", "ends_on"])
        for name in ("regions", "sectors", "legal_forms", "situations_any"):
            fields[name].widget.inline = True
        cells = list(cells_of(user).order_by("name"))
        self.only_cell = cells[0] if len(cells) == 1 else None
        if plan.pk or self.only_cell:
            del fields["cell"]  # a plan keeps the cell it was created in
        else:
            fields["cell"].queryset = cells_of(user).order_by("name")
            fields["cell"].required = True
            fields["cell"].empty_label = None

    def fieldsets(self):
        """[(legend, [[bound field, …] per row])], hidden fields left out."""
        shown = {name for name, field in self.fields.items() if not field.widget.is_hidden}
        return [
            (
                legend,
                [
                    [self[name] for name in names if name in shown]
                    for names in (row if isinstance(row, tuple) else (row,) for row in rows)
                    if set(names) & shown
                ],
            )
            for legend, rows in self.FIELDSETS
        ]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "La fin du plan doit venir après son début.")
        for low, high in CRITERIA_RANGES:
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, "Le maximum doit être supérieur ou égal au minimum.")
        self.check_territory(data)
        return data

    def check_territory(self, data):
        level, regions = data.get("level"), data.get("regions")
        if level is None or regions is None:
            return
        codes = {region.code for region in regions}
        if level == PlanLevel.REGIONAL:
            if len(codes) != 1:
                self.add_error(
                    "regions", "Un plan régional porte sur une seule région : cochez-la."
                )
            elif self.plannable is not None and not codes <= self.plannable:
                self.add_error(
                    "regions",
                    "Vous ne pouvez préparer un plan que dans la région de votre cellule.",
                )
        else:
            if self.plannable is not None:
                self.add_error("level", "Seule la cellule nationale prépare un plan national.")
            if data.get("parent"):
                self.add_error("parent", "Seul un plan régional se rattache à un plan national.")
        outside = [d for d in data.get("departments") or () if d.region_id not in codes]
        if outside:
            names = ", ".join(f"{d.name} ({d.code})" for d in outside)
            self.add_error(
                "departments",
                f"Hors des régions du plan : {names}. Choisissez des départements de la région "
                "du plan, ou aucun.",
            )

    def save_for(self, user):
        """Save with the cell chosen at creation and its author."""
        plan = self.save(commit=False)
        if not plan.pk:
            plan.cell = self.cleaned_data.get("cell") or self.only_cell
            plan.created_by = user
        plan.save()
        self.save_m2m()
        return plan


def blank(choices, label="Tous"):
    return [("", label), *choices]


class TargetFilterForm(DsfrBaseForm):
    """The follow-up list's filters (GET); an invalid one is shown and left out."""

    q = forms.CharField(label="Nom ou SIRET", required=False, max_length=100)
    departement = forms.ChoiceField(label="Département", required=False, widget=LongSelect)
    secteur = forms.ChoiceField(
        label="Secteur", required=False, choices=blank(Sector.choices), widget=LongSelect
    )
    statut = forms.ChoiceField(
        required=False, choices=blank(FollowUpStatus.choices), widget=forms.HiddenInput
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = blank(
            [(d.code, f"{d.code} — {d.name}") for d in departments]
        )

    def filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()  # the valid filters are kept in cleaned_data, the others shown
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if value and key not in self.errors
        }


class NeedsForm(DsfrBaseForm):
    needs = forms.CharField(
        label="Besoins identifiés",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce que la structure a dit de sa situation et de ce qui l'aiderait.",
    )


class HelpForm(DsfrBaseForm):
    """The measure that helped: one of the plan's aids or support offers."""

    measure = forms.ChoiceField(label="Mesure du plan qui l'a aidée")
    comment = forms.CharField(
        label="Précisions",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.aids = {f"aid-{aid.pk}": aid for aid in plan.aids.order_by("name")}
        self.offers = {
            f"offer-{offer.pk}": offer
            for offer in plan.support_offers.select_related("scheme", "organization")
        }
        self.fields["measure"].choices = [
            ("", "Choisir"),
            ("Aides", [(key, aid.name) for key, aid in self.aids.items()]),
            (
                "Accompagnements",
                [
                    (key, f"{offer.scheme.name} — {offer.organization.name}")
                    for key, offer in self.offers.items()
                ],
            ),
        ]

    def chosen_measure(self):
        """(aid, offer) chosen."""
        key = self.cleaned_data["measure"]
        return self.aids.get(key), self.offers.get(key)


class DeclineForm(DsfrBaseForm):
    comment = forms.CharField(
        label="Pourquoi la structure décline",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
