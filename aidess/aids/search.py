"""Catalog search: one form for the page and the API, so both accept exactly the same filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Window
from dsfr.forms import DsfrBaseForm

from aidess.aids.enums import AidKind
from aidess.aids.fulltext import filter_by_text, no_rank
from aidess.aids.models import Aid
from aidess.aids.text import search_terms
from aidess.core.widgets import LongSelect
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.structures.enums import Sector
from aidess.territories import search as commune_search
from aidess.territories.models import Department, Region

PAGE_SIZE = 20
# What result lists show (the page's cards, the API's summaries): the rest stays in the database.
SUMMARY_FIELDS = [
    "slug",
    "name",
    "short_description",
    "kind",
    "is_national",
    "status",
    "closing_date",
    "provider_names",
]
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
        widget=LongSelect,
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
        widget=LongSelect,
        error_messages={"invalid_choice": "Département inconnu (code INSEE attendu, ex. 59)."},
    )
    region = forms.ModelChoiceField(
        label="Région",
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        widget=LongSelect,
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
    aids = Aid.objects.searchable(
        today,
        include_closed=filters.get("include_closed"),
        open_now=filters.get("open_now"),
        closing_soon=filters.get("closing_soon"),
    )
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
    if filters.get("sort") == "closing_date":
        aids = aids.order_by(F("closing_date").asc(nulls_last=True), "name", "pk")
    elif text and not notice:
        aids = aids.order_by("-rank", "name", "pk")
    else:
        aids = aids.order_by("name", "pk")
    return aids.only(*SUMMARY_FIELDS), notice


def search_page(aids, number, past_the_end="last"):
    """(paginator, page) of search results. A page past the end gives the last page, or None
    when `past_the_end` is "none" (the API answers 404).

    On PostgreSQL the total comes with the rows (COUNT(*) OVER ()): one query where Paginator
    sends two. SQLite refuses FTS5's bm25() beside a window function: it counts separately."""
    paginator = Paginator(aids, PAGE_SIZE)
    number = number or 1
    if connection.vendor == "postgresql":
        rows = list(page_slice(aids.annotate(total=Window(Count("*"))), number))
        # Setting Paginator.count (a cached property) spares its own COUNT query. No row on
        # page 1 means no result at all; past the end, the total needs its own query.
        paginator.count = rows[0].total if rows else (aids.count() if number > 1 else 0)
    else:
        rows = list(page_slice(aids, number)) if number <= paginator.num_pages else []
    if not rows and number > paginator.num_pages:
        if past_the_end == "none":
            return paginator, None
        number = paginator.num_pages
        rows = list(page_slice(aids, number))
    return paginator, paginator._get_page(rows, number, paginator)


def page_slice(aids, number):
    start = (number - 1) * PAGE_SIZE
    return aids[start : start + PAGE_SIZE]
