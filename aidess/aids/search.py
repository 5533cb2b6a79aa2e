"""Catalog search: one form for the page and the API, so both accept exactly the same filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from dsfr.forms import DsfrBaseForm

from aidess.aids.enums import AidKind
from aidess.aids.fulltext import filter_by_text, no_rank
from aidess.aids.models import Aid
from aidess.aids.text import search_terms
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.structures.enums import Sector
from aidess.territories import search as commune_search
from aidess.territories.models import Department, Region

PAGE_SIZE = 20
ONLY_STOP_WORDS = (
    "Votre recherche ne contient que des mots trop courants ou des symboles : essayez des mots "
    "plus précis, par exemple « trésorerie », « emploi » ou « culture ». Toutes les aides "
    "correspondant à vos autres critères sont affichées."
)


class QueryCheckbox(forms.CheckboxInput):
    """Query-string booleans: "1", "true", "on" are true; "0", "false", "" are false."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in {"1", "true", "on", "yes", "oui"}


class AidSearchForm(DsfrBaseForm):
    q = forms.CharField(label="Mots-clés", required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label="Nature de l'aide",
        choices=AidKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Nature d'aide inconnue : « %(value)s »."},
    )
    provider = forms.ModelChoiceField(
        label="Porteur",
        queryset=Organization.objects.filter(kind=OrganizationKind.PROVIDER),
        required=False,
        error_messages={"invalid_choice": "Porteur inconnu."},
    )
    commune = forms.CharField(
        label="Commune de la structure",
        required=False,
        max_length=120,
        help_text="Nom, code postal ou code INSEE : aides nationales et de ce territoire.",
    )
    department = forms.ModelChoiceField(
        label="Département",
        queryset=Department.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "Département inconnu (code INSEE attendu, ex. 59)."},
    )
    region = forms.ModelChoiceField(
        label="Région",
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "Région inconnue (code INSEE attendu, ex. 32)."},
    )
    sector = forms.ChoiceField(
        label="Secteur",
        choices=[("", "Tous les secteurs"), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": "Secteur inconnu : « %(value)s »."},
    )
    open_now = forms.BooleanField(
        label="Ouvertes aujourd'hui", required=False, widget=QueryCheckbox
    )
    closing_soon = forms.BooleanField(
        label="Clôture dans les 30 jours", required=False, widget=QueryCheckbox
    )
    include_closed = forms.BooleanField(
        label="Inclure les aides clôturées", required=False, widget=QueryCheckbox
    )
    sort = forms.ChoiceField(
        label="Trier par",
        choices=[("relevance", "Pertinence"), ("closing_date", "Date de clôture")],
        required=False,
        error_messages={
            "invalid_choice": "Tri inconnu : « %(value)s » (relevance ou closing_date)."
        },
    )
    page = forms.IntegerField(
        min_value=1,
        required=False,
        error_messages={
            "invalid": "Le numéro de page est un entier.",
            "min_value": "Le numéro de page commence à 1.",
        },
    )

    def __init__(self, *args, api=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.api = api

    def clean_commune(self):
        value = self.cleaned_data["commune"].strip()
        return commune_search.resolve(value, codes_are_insee=self.api) if value else None


class UnknownFilter(ValidationError):
    pass


def check_known_filters(query_dict):
    unknown = sorted(set(query_dict) - set(AidSearchForm.base_fields))
    if unknown:
        allowed = ", ".join(AidSearchForm.base_fields)
        raise UnknownFilter(f"Filtre inconnu : {', '.join(unknown)}. Filtres acceptés : {allowed}.")


def search_aids(filters, today):
    """(queryset, notice) for cleaned filters; `notice` explains a text query that was ignored."""
    aids = Aid.objects.searchable(today, include_closed=filters.get("include_closed"))
    notice = ""
    text = (filters.get("q") or "").strip()
    if text and search_terms(text):
        aids = filter_by_text(aids, text)
    else:
        notice = ONLY_STOP_WORDS if text else ""
        aids = no_rank(aids)
    if filters.get("kind"):
        aids = aids.filter(kind__in=filters["kind"])
    if filters.get("provider"):
        aids = aids.filter(providers=filters["provider"])
    place = {
        "commune": filters.get("commune"),
        "department": filters.get("department"),
        "region": filters.get("region"),
    }
    if any(place.values()):
        aids = aids.available_in(**place)
    if filters.get("sector"):
        aids = aids.for_sector(filters["sector"])
    if filters.get("open_now"):
        aids = aids.open_on(today)
    if filters.get("closing_soon"):
        aids = aids.closing_soon(today)
    if filters.get("sort") == "closing_date":
        aids = aids.order_by(F("closing_date").asc(nulls_last=True), "name", "pk")
    elif text and not notice:
        aids = aids.order_by("-rank", "name", "pk")
    else:
        aids = aids.order_by("name", "pk")
    # Lists show summaries: leave the long texts and the search vector in the database.
    aids = aids.defer("description", "provenance", "search_vector")
    return aids.prefetch_related("providers"), notice
