"""French full-text search on PostgreSQL (tsvector, `french_unaccent`) and SQLite (FTS5).

Both index name, short description, description and provider names; `aids.text` reproduces
PostgreSQL's processing in Python so that SQLite's FTS5 table holds the same stems.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from aidess.aids.text import search_terms

PG_CONFIG = "french_unaccent"
FTS_TABLE = "aids_aid_fts"
AID_TABLE = "aids_aid"

POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    "CREATE INDEX IF NOT EXISTS aids_aid_search_vector_gin ON aids_aid USING gin (search_vector)",
]
POSTGRES_TEARDOWN = ["DROP INDEX IF EXISTS aids_aid_search_vector_gin"]
SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, tokenize='unicode61')"
]
SQLITE_TEARDOWN = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def create_index_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES_SETUP, "sqlite": SQLITE_SETUP}.get(vendor, []):
        schema_editor.execute(statement)


def drop_index_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES_TEARDOWN, "sqlite": SQLITE_TEARDOWN}.get(vendor, []):
        schema_editor.execute(statement)


def reindex(aid_queryset):
    """Refresh the search index of these aids (after any change of text or providers)."""
    from_aids = aid_queryset.prefetch_related("providers")
    for aid in from_aids:
        # One name per line: indexed as words, and read back by `Aid.provider_list` in lists.
        names = "\n".join(sorted(provider.name for provider in aid.providers.all()))
        if names != aid.provider_names:
            type(aid).objects.filter(pk=aid.pk).update(provider_names=names)
    if connection.vendor == "postgresql":
        aid_queryset.update(
            search_vector=SearchVector("name", weight="A", config=PG_CONFIG)
            + SearchVector("short_description", "provider_names", weight="B", config=PG_CONFIG)
            + SearchVector("description", weight="C", config=PG_CONFIG)
        )
    elif connection.vendor == "sqlite":
        rows = aid_queryset.values_list(
            "pk", "name", "short_description", "provider_names", "description"
        )
        with connection.cursor() as cursor:
            for pk, name, short, providers, description in rows:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                    [
                        pk,
                        " ".join(search_terms(name)),
                        " ".join(search_terms(f"{short} {providers} {description}")),
                    ],
                )


def remove_from_index(pks):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for pk in pks:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


def fts5_query(concepts):
    """FTS5 expression matching any alternative of `concepts` (see `text.query_concepts`):
    quoted stems, so that FTS5 syntax characters in user input can never reach the parser."""
    return " OR ".join(
        "(" + " AND ".join(f'"{stem}"' for _, stem in alternative) + ")"
        for concept in concepts
        for alternative in concept
    )


def postgres_raw_query(concepts):
    """`to_tsquery` text of the same: the words are letters and digits only (`text.WORD` after
    `unaccent`), so no tsquery operator of the user's can reach the parser."""
    return " | ".join(
        "(" + " & ".join(word for word, _ in alternative) + ")"
        for concept in concepts
        for alternative in concept
    )


def text_query(concepts):
    """What the text filter matches, for concepts of a query (see `filter_by_text`)."""
    if connection.vendor == "postgresql":
        return postgres_raw_query(concepts)
    return fts5_query(concepts)


def filter_by_text(queryset, query):
    """Aids matching any concept of `query` (a `text_query` or a Param for one)."""
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=postgres_query(query))
    # A join, not a correlated subquery: FTS5 then runs the MATCH once.
    return queryset.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {AID_TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[query],
    )


def relevance(query):
    """Ordering by relevance (best first) of aids filtered by `filter_by_text(…, query)`."""
    if connection.vendor == "postgresql":
        return SearchRank(F("search_vector"), postgres_query(query), normalization=Value(2)).desc()
    # bm25 is lower-is-better and weighs the title column ten times the body.
    return RawSQL(f"bm25({FTS_TABLE}, 10.0, 1.0)", [], output_field=FloatField()).asc()


def concepts_matched(queries):
    """How many of these concept queries (`text_query` of one concept each, or Params) an aid
    matches: a search of several words shows first the aids that match more of them."""
    if connection.vendor == "postgresql":
        return sum(
            (
                Case(When(search_vector=postgres_query(query), then=Value(1)), default=Value(0))
                for query in queries
            ),
            start=Value(0),
        )
    # Each uncorrelated IN (subquery) is run once by SQLite, not once per aid.
    one = f"({AID_TABLE}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))"
    return RawSQL(
        "(" + " + ".join([one] * len(queries)) + ")", list(queries), output_field=IntegerField()
    )


def postgres_query(query):
    return SearchQuery(query, config=PG_CONFIG, search_type="raw")
