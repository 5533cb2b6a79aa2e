"""One database's run of the catalog search benchmark (started by `python -m bench`).

    python -m bench.catalog_search --database-url sqlite:////tmp/bench.sqlite3 --output out.json

Migrates the (empty) database, loads the real territories and the seed aids, generates the
synthetic catalog, then, query by query, times what the search page does through the ORM
(`search_aids(...).page(1)`: first page and total, statements compiled once per shape of
filters) against the very SQL statements that the ORM sent, replayed through
`connection.cursor()` (raw). A third path times the same search with its statements compiled
again on every search (Django's default): what the compiled-statement cache saves.
"""

import argparse
import datetime
import io
import json
import os
import random
import time
import unicodedata

SLOW_MS = 200
QUERY_TERMS = """trésorerie|tresorerie|emploi|emplois|association|associations|associative|insertion
|culture|culturel|culturelles|accompagnement|accompagner|subvention|subventions|investissement|investir
|numérique|numeriques|transition écologique|écologie|économie circulaire|réemploi|mobilité
|alimentation durable|tiers-lieux|tiers lieu|jeunesse|sport|handicap|précarité|logement|santé
|médico-social|formation|recrutement|salarié|fonds propres|prêt|coopératives|SCIC|recycleries
|spectacle vivant|patrimoine|énergies renouvelables|quartiers prioritaires|innovation sociale
|bénévoles|crise sanitaire|rénovation énergétique|circuits courts|égalité femmes hommes
|centres-bourgs|fonds de roulement|garantie|diagnostic|financement|utilité sociale|gouvernance"""
QUERY_TERMS = [term.strip() for term in QUERY_TERMS.split("|")]


def configure(database_url):
    """Fresh Django settings for this database, with production-like (non-logging) cursors."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def without_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def make_queries(rng, count, commune_codes):
    """Varied search-page filters: 1–3 words, optional facets, always a (big) commune."""
    from aidess.aids.enums import AidKind
    from aidess.structures.enums import Sector

    specs = []
    for _ in range(count):
        words = []
        while len(words) < rng.choices([1, 2, 3], weights=[45, 35, 20])[0]:
            words += rng.choice(QUERY_TERMS).split()
        text = " ".join(words[:3])
        variant = rng.random()
        if variant < 0.15:
            text = without_accents(text)
        elif variant < 0.3:
            text = text.capitalize()
        elif variant < 0.35:
            text = text.upper()
        kinds = rng.sample(list(AidKind), rng.choice([1, 2])) if rng.random() < 0.3 else []
        specs.append(
            {
                "q": text,
                "kind": [str(kind) for kind in kinds],
                "sector": str(rng.choice(list(Sector))) if rng.random() < 0.3 else "",
                "open_now": rng.random() < 0.2,
                "closing_soon": rng.random() < 0.08,
                "include_closed": rng.random() < 0.05,
                "sort": "closing_date" if rng.random() < 0.1 else "",
                "commune": rng.choice(commune_codes),
            }
        )
    return specs


def filters_for(spec):
    """What the form's cleaned_data holds: a freshly resolved Commune, like each request gets."""
    from aidess.territories.models import Commune

    commune = Commune.objects.get(code=spec["commune"])
    return {**spec, "commune": commune, "provider": None, "department": None, "region": None}


def orm_search(filters, today):
    """The search page: the search, then its first page and the total."""
    from aidess.aids.search import search_aids

    paginator, page = search_aids(filters, today).page(1)
    return paginator.count, list(page)


def compiling_search(filters, today):
    """The same search with its statements built and compiled again, as without the cache."""
    from aidess.aids.search import prepared_statement

    prepared_statement.cache_clear()
    return orm_search(filters, today)


def statement_name(sql):
    """A search statement is the page (with its total on PostgreSQL) or, on SQLite, the count
    (which selects nothing but the total)."""
    return "count" if sql.upper().startswith("SELECT COUNT(") else "page"


class Recorder:
    """`connection.execute_wrapper` that keeps every (sql, params) the ORM sends."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def raw_search(statements):
    """Replay the search statements; returns (rows per statement, seconds per statement)."""
    from django.db import connection

    rows, seconds = [], []
    with connection.cursor() as cursor:
        for sql, params in statements:
            start = time.perf_counter()
            cursor.execute(sql, params)
            rows.append(cursor.fetchall())
            seconds.append(time.perf_counter() - start)
    return rows, seconds


PATHS = ("orm", "compiling", "raw")


def timed_turns(spec, statements, today, turns, first, paths=PATHS):
    """Run the paths `turns` times, alternating their order; milliseconds per path."""
    timed, outcome = {path: [] for path in PATHS}, {}
    for turn in range(turns):
        for path in paths if (first + turn) % 2 == 0 else paths[::-1]:
            filters = filters_for(spec)
            start = time.perf_counter()
            if path == "orm":
                outcome["orm"] = orm_search(filters, today)
            elif path == "compiling":
                outcome["compiling"] = compiling_search(filters, today)
            else:
                rows, parts = raw_search(statements)
                best = outcome.get("raw", (rows, parts))[1]
                outcome["raw"] = rows, [min(a, b) for a, b in zip(best, parts, strict=True)]
            timed[path].append((time.perf_counter() - start) * 1000)
    return timed, outcome


def measure(specs, today, warmup, repeat):
    """Time every query through the ORM and as raw SQL, caches warm, order alternated.

    A first, recorded ORM run captures the SQL and warms the caches. Then each path runs `repeat`
    times and keeps its best time: the cost of the query, not the load of a shared machine. A
    query slower than SLOW_MS is timed once (its first run, which compiled the statements,
    stands for both ORM paths).
    """
    from django.db import connection

    for spec in specs[:warmup]:
        orm_search(filters_for(spec), today)
    samples = []
    for number, spec in enumerate(specs[warmup:]):
        filters, recorder = filters_for(spec), Recorder()
        start = time.perf_counter()
        with connection.execute_wrapper(recorder):
            total, page = orm_search(filters, today)
        first_ms = (time.perf_counter() - start) * 1000
        # The search's own statements (count, page), not the commune's FK lookups.
        statements = [(sql, params) for sql, params in recorder.statements if "aids_aid" in sql]
        if first_ms > SLOW_MS:
            timed, outcome = timed_turns(spec, statements, today, 1, 0, paths=("raw",))
            timed["orm"] = timed["compiling"] = [first_ms]
            outcome["orm"] = outcome["compiling"] = (total, page)
        else:
            timed, outcome = timed_turns(spec, statements, today, repeat, number)
        (orm_total, orm_page), (rows, parts) = outcome["orm"], outcome["raw"]
        same_orm_paths = outcome["compiling"][0] == orm_total and [
            aid.pk for aid in outcome["compiling"][1]
        ] == [aid.pk for aid in orm_page]
        names = [statement_name(sql) for sql, _ in statements]
        page_rows = rows[names.index("page")]
        # The total is the last column of the count's or the page's first row; no row, no result.
        total_rows = rows[names.index("count")] if "count" in names else page_rows
        raw_total = total_rows[0][-1] if total_rows else 0
        samples.append(
            {
                "spec": spec,
                "orm_ms": min(timed["orm"]),
                "compiling_ms": min(timed["compiling"]),
                "raw_ms": min(timed["raw"]),
                "raw_parts_ms": dict(zip(names, (part * 1000 for part in parts), strict=True)),
                "orm_statements": len(recorder.statements),
                "raw_statements": len(statements),
                "results": total,
                "matches": same_orm_paths
                and orm_total == raw_total
                and [aid.pk for aid in orm_page] == [row[0] for row in page_rows],
                "statements": statements,
            }
        )
    return samples


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--aids", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--no-analyze", action="store_true", help="pas de (VACUUM) ANALYZE après le chargement"
    )
    args = parser.parse_args(argv)
    configure(args.database_url)

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from aidess.aids.seeding import load_seed_aids
    from aidess.territories.models import Commune
    from bench.catalog_data import generate_aids
    from bench.catalog_report import database_info, gin_check, report

    rng, today, steps = random.Random(args.seed), timezone.localdate(), {}
    load_before = os.getloadavg()
    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    steps["migrate_s"] = time.perf_counter() - start
    call_command("load_reference_data", stdout=io.StringIO())
    load_seed_aids()
    steps["reference_data_s"] = time.perf_counter() - start - steps["migrate_s"]
    start = time.perf_counter()
    catalog = generate_aids(args.aids, today, rng)
    steps["generate_aids_s"] = time.perf_counter() - start
    if not args.no_analyze:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load; reindex() rewrote every row once.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        steps["analyze_s"] = time.perf_counter() - start
    big = (
        Commune.objects.selectable().order_by("-population", "code").values_list("code", flat=True)
    )
    specs = make_queries(rng, args.queries + args.warmup, list(big[:150]))
    print(f"  {connection.vendor} : catalogue prêt, {args.queries} requêtes…", flush=True)
    start = time.perf_counter()
    samples = measure(specs, today, args.warmup, args.repeat)
    steps["measure_s"] = time.perf_counter() - start
    result = {
        "database": connection.vendor,
        **database_info(),
        "analyze": not args.no_analyze,
        "repeat": args.repeat,
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "today": today.isoformat(),
        "catalog": catalog,
        "steps_s": {name: round(seconds, 2) for name, seconds in steps.items()},
        **report(samples, connection.vendor),
        "gin_check": gin_check(today),
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
