"""Catalog search: one form for the page and the API, so both accept exactly the same filters."""

import datetime
import functools
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, Count, DateField, F, IntegerField, Window

from aidess.aids.enums import AidKind
from aidess.aids.fulltext import concepts_matched, filter_by_text, relevance, text_query
from aidess.aids.models import Aid, places_of
from aidess.aids.text import query_concepts
from aidess.core.choices import ReferenceChoiceField
from aidess.core.fieldgroups import QuickDsfrForm
from aidess.core.prepared import Param, PreparedQuery
from aidess.core.widgets import LongSelect
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import Organization
from aidess.structures.enums import Sector
from aidess.territories import search as commune_search
from aidess.territories.models import Department, Region
from aidess.territories.widgets import CommuneInput

PAGE_SIZE = 20
MAX_PAGE = 10_000  # 200 000 aids; beyond, the offset would overflow the database's integers
CLOSING_SOON_DAYS = 30
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


class AidSearchForm(QuickDsfrForm):
    q = forms.CharField(label="Mots-clés", required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label="Nature de l'aide",
        choices=AidKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Nature d'aide inconnue : « %(value)s »."},
    )
    provider = ReferenceChoiceField(
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
        widget=CommuneInput,
    )
    department = ReferenceChoiceField(
        label="Département",
        queryset=Department.objects.all(),
        to_field_name="code",
        required=False,
        widget=LongSelect,
        error_messages={"invalid_choice": "Département inconnu (code INSEE attendu, ex. 59)."},
    )
    region = ReferenceChoiceField(
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
        widget=LongSelect,
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
        widget=LongSelect,
        error_messages={
            "invalid_choice": "Tri inconnu : « %(value)s » (relevance ou closing_date)."
        },
    )
    page = forms.IntegerField(
        min_value=1,
        max_value=MAX_PAGE,
        required=False,
        error_messages={
            "invalid": "Le numéro de page est un entier.",
            "min_value": "Le numéro de page commence à 1.",
            "max_value": "Le numéro de page ne peut pas dépasser %(limit_value)s.",
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


@dataclass(frozen=True)
class SearchShape:
    """Which filters a search sets. Its SQL depends on this alone: the values are parameters."""

    text: int = 0  # concepts of the text (see `text.query_concepts`), at most MAX_CONCEPTS
    kinds: int = 0
    provider: bool = False
    places: tuple = ()  # kinds of place, see `aids.models.places_of`
    sector: bool = False
    include_closed: bool = False
    open_now: bool = False
    closing_soon: bool = False
    sort: str = "name"  # "relevance", "closing_date" or "name"


@dataclass(frozen=True)
class AidSearch:
    """One catalog search: its shape, the values of its filters and a notice for the person
    (why the text was ignored)."""

    shape: SearchShape
    values: dict = field(compare=False)
    notice: str = ""

    def page(self, number=1, past_the_end="last"):
        """(paginator, page) of results. A page past the end gives the last page, or None when
        `past_the_end` is "none" (the API answers 404).

        On PostgreSQL the total comes with the rows (COUNT(*) OVER ()): one query. SQLite refuses
        FTS5's bm25() beside a window function: it counts first."""
        number = number or 1
        paginator = Paginator((), PAGE_SIZE)
        if connection.vendor == "postgresql":
            rows = self.run(("page", number))
            # No row on page 1 means no result at all; past the end, the total needs a query.
            paginator.count = rows[0].total if rows else (self.count() if number > 1 else 0)
        else:
            paginator.count = self.count()
            rows = self.run(("page", number)) if number <= paginator.num_pages else []
        if not rows and number > paginator.num_pages:
            if past_the_end == "none":
                return paginator, None
            number = paginator.num_pages
            rows = self.run(("page", number))
        return paginator, paginator._get_page(rows, number, paginator)

    def count(self):
        return self.run(("count",)) or 0

    def all(self):
        """Every result, in order."""
        return self.run(("all",))

    def run(self, part):
        statement = prepared_statement(self.shape, part, connection.vendor)
        if part[0] == "count":
            return statement.scalar(self.values)
        return statement.instances(self.values)


def search_aids(filters, today):
    """The search for cleaned filters (see `AidSearchForm`), as of `today`."""
    text = (filters.get("q") or "").strip()
    concepts = query_concepts(text)
    words = bool(concepts)
    kinds = filters.get("kind") or []
    places = places_of(filters.get("commune"), filters.get("department"), filters.get("region"))
    values = {"day": today, **places, **{f"kind{i}": kind for i, kind in enumerate(kinds)}}
    if words:
        # The whole text filters and scores; each concept counts in the order (more first).
        values["text"] = text_query(concepts)
        values.update({f"text{i}": text_query([c]) for i, c in enumerate(concepts)})
    if filters.get("provider"):
        values["provider"] = filters["provider"].pk
    if filters.get("sector"):
        values["sector"] = filters["sector"]
    if filters.get("closing_soon"):
        values["closing_by"] = today + datetime.timedelta(days=CLOSING_SOON_DAYS)
    if filters.get("sort") == "closing_date":
        sort = "closing_date"
    else:
        sort = "relevance" if words else "name"
    shape = SearchShape(
        text=len(concepts),
        kinds=len(kinds),
        provider="provider" in values,
        places=tuple(places),
        sector="sector" in values,
        include_closed=bool(filters.get("include_closed")),
        open_now=bool(filters.get("open_now")),
        closing_soon="closing_by" in values,
        sort=sort,
    )
    return AidSearch(shape, values, ONLY_STOP_WORDS if text and not words else "")


def search_queryset(shape):
    """The aids of a search of this shape, unordered, with a `Param` for every value."""
    aids = Aid.objects.searchable(
        Param("day", DateField()),
        include_closed=shape.include_closed,
        open_now=shape.open_now,
        closing_by=Param("closing_by", DateField()) if shape.closing_soon else None,
    )
    if shape.text:
        aids = filter_by_text(aids, Param("text", CharField()))
    if shape.kinds:
        aids = aids.filter(kind__in=[Param(f"kind{i}", CharField()) for i in range(shape.kinds)])
    if shape.provider:
        aids = aids.filter(providers=Param("provider", IntegerField()))
    if shape.places:
        aids = aids.available_in({kind: Param(kind, CharField()) for kind in shape.places})
    if shape.sector:
        aids = aids.for_sector(Param("sector", CharField()))
    return aids


@functools.lru_cache(maxsize=1024)
def prepared_statement(shape, part, vendor):
    """The compiled SQL of one part of a search: ("page", number), ("count",) or ("all",).

    Compiled once per shape, page and database (see `core.prepared`); `vendor` keeps the
    statements of one database apart from another's."""
    aids = search_queryset(shape)
    if part[0] == "count":
        return PreparedQuery(aids.order_by().annotate(total=Window(Count("*"))).values("total")[:1])
    if shape.sort == "closing_date":
        aids = aids.order_by(F("closing_date").asc(nulls_last=True), "name", "pk")
    elif shape.sort == "relevance":
        score = relevance(Param("text", CharField()))
        if shape.text > 1:
            texts = [Param(f"text{i}", CharField()) for i in range(shape.text)]
            aids = aids.alias(matched=concepts_matched(texts))
            aids = aids.order_by(F("matched").desc(), score, "name", "pk")
        else:
            aids = aids.order_by(score, "name", "pk")
    else:
        aids = aids.order_by("name", "pk")
    aids = aids.only(*SUMMARY_FIELDS)
    if part[0] == "all":
        return PreparedQuery(aids)
    if vendor == "postgresql":
        aids = aids.annotate(total=Window(Count("*")))
    start = (part[1] - 1) * PAGE_SIZE
    return PreparedQuery(aids[start : start + PAGE_SIZE])
