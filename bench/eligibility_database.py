"""Database side of the eligibility benchmark (`python -m bench eligibility --part database`):
its own PostgreSQL database, and part A' (the synthetic catalog stored as aids: what a request
loads, and the whole request).

Django is configured for that database by `configure_django` (called by `prepare_database`)
before anything of Django's is imported: every Django or `aidess` model import below stays inside
the functions.
"""

import datetime
import gc
import os
import random

from bench.eligibility_common import TODAY, say, summary_ms, timed
from bench.eligibility_original import ORIGINAL_evaluate_aids

# The server of BENCH_POSTGRES_URL (bench/__main__.py's variable) when set, without its database.
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SERVER_URL = SERVER_URL.split("://", 1)[0] + "://" + SERVER_URL.split("://", 1)[1].split("/")[0]
DATABASE = "aidess_bench_elig"


# --------------------------------------------------------------------------------------------
# Database: its own PostgreSQL database, Django configured for it before setup
# --------------------------------------------------------------------------------------------


def configure_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DEBUG"] = "false"  # no query log: bulk inserts of a million rows
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection

    assert connection.settings_dict["NAME"] == DATABASE, connection.settings_dict["NAME"]


def server_execute(server_url, *statements):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        return [server.execute(statement).fetchall() for statement in statements]


def database_exists(server_url):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        return found.fetchone() is not None


def recreate_database(server_url):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database(server_url):
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def quiet_command(*args, **options):
    import io

    from django.core.management import call_command

    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO(), **options)


def prepare_database(args):
    """Fresh database, schema and reference data (territories, nomenclatures); times."""
    figures = {}
    if args.reuse_database and database_exists(args.server_url):
        configure_django(f"{args.server_url}/{DATABASE}")
        say(f"Base {DATABASE} réutilisée (--reuse-database).")
        return figures, True
    recreate_database(args.server_url)
    configure_django(f"{args.server_url}/{DATABASE}")
    figures["migrate_s"], _ = timed(quiet_command, "migrate", interactive=False)
    figures["load_reference_data_s"], _ = timed(quiet_command, "load_reference_data")
    say(
        f"Base {DATABASE} créée : migrate {figures['migrate_s']:.1f} s, load_reference_data "
        f"{figures['load_reference_data_s']:.1f} s."
    )
    return figures, False


# --------------------------------------------------------------------------------------------
# Part A': the same catalog stored as aids; what a request loads, and the whole request
# --------------------------------------------------------------------------------------------

AID_WORDS = ["Fonds", "Dispositif", "Programme", "Appel à projets", "Prêt", "Soutien", "Pass"]
AID_THEMES = ["trésorerie", "emploi associatif", "insertion", "culture", "transition écologique"]
AID_THEMES += ["vie associative", "investissement", "numérique", "relance", "tiers-lieux"]


def store_catalog(catalog, rng):
    """One published aid per criteria (3 % past their closing date, 2 % closed), with criteria,
    sectors and territories in their tables. Returns {slug: criteria}."""
    from aidess.aids.enums import AidKind, AidSource, AidStatus
    from aidess.aids.models import Aid, AidSector
    from aidess.eligibility.models import AidCriteria

    Aid.objects.filter(slug__startswith="bench-elig-").delete()
    aids, expected = [], {}
    for number, criteria in enumerate(catalog):
        state = rng.random()
        slug = f"bench-elig-{number:05d}"
        aids.append(
            Aid(
                name=f"{rng.choice(AID_WORDS)} {rng.choice(AID_THEMES)} {rng.randint(1, 400)}",
                slug=slug,
                short_description="Aide du banc d'essai d'éligibilité.",
                kind=rng.choice(list(AidKind)),
                source=AidSource.PROVIDER,
                status=AidStatus.CLOSED if 0.03 <= state < 0.05 else AidStatus.PUBLISHED,
                closing_date=TODAY - datetime.timedelta(days=30) if state < 0.03 else None,
                is_national=criteria.territory.national,
            )
        )
        expected[slug] = criteria
    Aid.objects.bulk_create(aids, batch_size=2000)
    stored, sectors, links = [], [], {"regions": [], "departments": [], "epcis": [], "communes": []}
    through = {name: getattr(Aid, name).through for name in links}
    columns = {"regions": "region_id", "departments": "department_id", "epcis": "epci_id"}
    columns["communes"] = "commune_id"
    for aid, criteria in zip(aids, catalog, strict=True):
        stored.append(
            AidCriteria(
                aid=aid,
                legal_forms=sorted(criteria.legal_forms),
                legal_forms_or_esus=criteria.legal_forms_or_esus,
                ess_required=criteria.ess_required,
                esus_required=criteria.esus_required,
                iae_required=criteria.iae_required,
                employer_required=criteria.employer_required,
                fte_min=criteria.fte_min,
                fte_max=criteria.fte_max,
                budget_min=criteria.budget_min,
                budget_max=criteria.budget_max,
                public_share_min=criteria.public_share_min,
                public_share_max=criteria.public_share_max,
                situations_any=sorted(criteria.situations_any),
                min_age_years=criteria.min_age_years,
                max_age_years=criteria.max_age_years,
            )
        )
        sectors += [AidSector(aid=aid, sector=sector) for sector in sorted(criteria.sectors)]
        for name, column in columns.items():
            for code in sorted(getattr(criteria.territory, name)):
                links[name].append(through[name](aid_id=aid.pk, **{column: code}))
    AidCriteria.objects.bulk_create(stored, batch_size=2000)
    AidSector.objects.bulk_create(sectors, batch_size=5000)
    for name, rows in links.items():
        through[name].objects.bulk_create(rows, batch_size=5000)
    return expected


def result_rows(results):
    return [(item.aid.pk, item.is_open, item.evaluation) for item in results]


def catalog_database_part(args, catalog, profiles):
    from django.db import connection

    from aidess.eligibility.service import candidate_aids, evaluate_aids

    say(f"== A'. Le même catalogue en base ({len(catalog)} aides publiées) ==")
    rng = random.Random(args.seed + 1)
    seconds, expected = timed(store_catalog, catalog, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"Catalogue enregistré en {seconds:.1f} s.")

    aids = list(candidate_aids())
    mismatched = sum(aid.engine_criteria != expected[aid.slug] for aid in aids)
    say(f"criteria_of() relu en base = critères générés : {len(aids) - mismatched}/{len(aids)}.")

    load, build = [], []
    for _ in range(6):
        aids = None
        gc.collect()
        seconds, aids = timed(lambda: list(candidate_aids()))
        load.append(seconds)
        gc.collect()
        seconds, _ = timed(lambda loaded=aids: [aid.engine_criteria for aid in loaded])
        build.append(seconds)
    load, build = load[1:], build[1:]  # the first run warms the caches

    sample = profiles[: args.request_profiles]
    differences = 0
    for profile in sample[:10]:
        for include_closed in (False, True):
            new = evaluate_aids(profile, aids, TODAY, include_closed)
            old = ORIGINAL_evaluate_aids(profile, aids, TODAY, include_closed)
            differences += result_rows(new) != result_rows(old)
    say(f"Garde : evaluate_aids = version d'origine (ordre compris) : {differences} écart(s).")

    in_memory, original, whole = [], [], []
    for profile in sample:  # interleaved
        gc.collect()
        in_memory.append(timed(evaluate_aids, profile, aids, TODAY)[0])
        gc.collect()
        original.append(timed(ORIGINAL_evaluate_aids, profile, aids, TODAY)[0])
    for profile in sample[:5]:
        gc.collect()
        whole.append(timed(lambda p=profile: evaluate_aids(p, candidate_aids(), TODAY))[0])
    figures = {
        "candidate_aids_load": summary_ms(load),
        "criteria_of_all": summary_ms(build),
        "evaluate_aids_loaded_aids": summary_ms(in_memory),
        "evaluate_aids_loaded_aids_original": summary_ms(original),
        "request_path_load_and_evaluate": summary_ms(whole),
        "criteria_of_mismatches": mismatched,
        "evaluate_aids_differences": differences,
        "aids_loaded": len(aids),
    }
    figures["evaluate_aids_ratio_original_to_optimised"] = round(
        figures["evaluate_aids_loaded_aids_original"]["median_ms"]
        / figures["evaluate_aids_loaded_aids"]["median_ms"],
        2,
    )
    for key, label in [
        ("candidate_aids_load", "candidate_aids() chargé (aides + critères à plat)"),
        ("criteria_of_all", f"criteria_of() des {len(aids)} aides"),
        ("evaluate_aids_loaded_aids", "evaluate_aids() (criteria_of + moteur + tri)"),
        ("evaluate_aids_loaded_aids_original", "  même chose, version d'origine"),
        ("request_path_load_and_evaluate", "requête complète (chargement + évaluation)"),
    ]:
        figure = figures[key]
        say(f"  {label:48} médiane {figure['median_ms']:8.1f} ms   p95 {figure['p95_ms']:8.1f} ms")
    return figures
