"""Benchmark of "Mes aides" on a 10 000-aid catalog: server time of the page for the demo
structure, with the catalog prepared once per process (eligibility/catalog.py) against the
baseline measured in the same run, each request loading the catalog as before.

    python -m bench my_aids [--aids 10000] [--requests 30] [--database aidess_bench_my_aids]

A fresh PostgreSQL database (dropped at the end unless --keep-database): migrations, territories,
the seed schemes (`load_catalog`), the demo accounts and structures (`load_demo`), then the
eligibility bench's synthetic catalog (bench/eligibility_data.py, stored by
bench/eligibility_database.py). The page is requested through Django's test client in this
process, logged in as the demo structure's member: the time is the whole request (middleware,
view, evaluation, ranking, template), warm process. Figures go to bench/results/my_aids.json.
"""

import argparse
import datetime
import gc
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also run as a script

from bench.eligibility_common import ROOT, load_average, say, summary_ms  # noqa: E402
from bench.eligibility_data import Places, draw_catalog  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "my_aids.json"
GOAL_MS = 200
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SERVER_URL = SERVER_URL.split("://", 1)[0] + "://" + SERVER_URL.split("://", 1)[1].split("/")[0]
DEMO_MEMBER = "structure@demo.aidess.fr"


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench my_aids", description=__doc__)
    parser.add_argument("--aids", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per path")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server (no base)")
    parser.add_argument("--database", default="aidess_bench_my_aids")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def server(server_url, statement):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def prepare(args):
    """Fresh database, Django set up for it, reference data, demo and the synthetic catalog."""
    if not args.database.replace("_", "").isalnum():
        raise SystemExit(f"Nom de base inattendu : {args.database!r}")
    server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    server(args.server_url, f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{args.server_url}/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.db import connection

    from bench.eligibility_database import quiet_command, store_catalog

    started = time.perf_counter()
    for command in ("migrate", "load_reference_data", "load_catalog", "load_demo"):
        quiet_command(command)
    places, rng = Places(), random.Random(args.seed)
    catalog, _profiles = draw_catalog(rng, places, args.aids, 0)
    store_catalog(catalog, random.Random(args.seed + 1))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"Base {args.database} prête en {time.perf_counter() - started:.0f} s.")


def timed_requests(client, url, count, before=None):
    """Wall times and, since the machine is shared, CPU times of this process (the server's
    Python; the database's own work is not in it)."""
    times, cpu = [], []
    for _ in range(count):
        if before:
            before()
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 200, response.status_code
    return times, cpu, response


def baseline_view():
    """The page as it was: each request loads every aid and its criteria (`candidate_aids`)."""
    from aidess.eligibility.service import candidate_aids, evaluate_and_rank

    def each_request(profile, today, include_closed=False, needs=frozenset()):
        aids = candidate_aids(include_closed)
        return evaluate_and_rank(profile, aids, today, include_closed, needs)

    return each_request


def measure(args):
    from django.test import Client
    from django.urls import reverse

    from aidess.accounts.models import User
    from aidess.aids.models import Aid
    from aidess.eligibility import catalog, views
    from aidess.structures.permissions import member_structures
    from tests.eligibility.test_pages import listed

    user = User.objects.get(email=DEMO_MEMBER)
    structure = member_structures(user).get()
    url = reverse("eligibility:structure_aids", args=[structure.pk])
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    published = Aid.objects.filter(status="published").count()
    say(f"Mes aides de « {structure.name} » : {url} ; {published} aides publiées.")

    first, _cpu, response = timed_requests(client, url, 1, before=catalog.forget_prepared)
    prepared_page = listed(response)
    timed_requests(client, url, 3)  # warm
    prepared, prepared_cpu, _ = timed_requests(client, url, args.requests)
    started = time.perf_counter()
    for _ in range(50):
        catalog.catalog_version()
    version_ms = (time.perf_counter() - started) / 50 * 1000

    views.evaluate_and_rank_catalog = baseline_view()
    try:
        timed_requests(client, url, 1)  # warm
        baseline, baseline_cpu, response = timed_requests(client, url, max(5, args.requests // 3))
    finally:
        views.evaluate_and_rank_catalog = catalog.evaluate_and_rank_catalog
    same = listed(response) == prepared_page
    return {
        "url": url,
        "published_aids": published,
        "shown": {name: len(pks) for name, pks in prepared_page.items()},
        "first_request_preparing_ms": round(first[0] * 1000, 1),
        "prepared": summary_ms(prepared),
        "baseline_loading_each_request": summary_ms(baseline),
        "prepared_cpu": summary_ms(prepared_cpu),
        "baseline_cpu": summary_ms(baseline_cpu),
        "catalog_version_query_ms": round(version_ms, 3),
        "same_results": same,
    }


def main(argv=None):
    args = parse(argv)
    report = {
        "benchmark": "my_aids",
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_average(),
        },
        "parameters": {key: str(value) for key, value in vars(args).items()},
        "goal_median_ms": GOAL_MS,
    }
    prepare(args)
    try:
        report["figures"] = figures = measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_database:
            server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    report["machine"]["load_average_at_end"] = load_average()
    prepared, baseline = figures["prepared"], figures["baseline_loading_each_request"]
    ratio = baseline["median_ms"] / prepared["median_ms"]
    figures["ratio_baseline_to_prepared"] = round(ratio, 1)
    say(f"\nMes aides, {figures['published_aids']} aides publiées (ms, requête entière) :")
    say(
        f"  catalogue préparé      médiane {prepared['median_ms']:7.1f}   p95 {prepared['p95_ms']:7.1f}"
    )
    say(
        f"  chargé à chaque fois   médiane {baseline['median_ms']:7.1f}   "
        f"p95 {baseline['p95_ms']:7.1f}   (référence, ×{ratio:.1f})"
    )
    say(
        f"  temps CPU (processus Django) : préparé {figures['prepared_cpu']['median_ms']:.0f} ms, "
        f"chargé à chaque fois {figures['baseline_cpu']['median_ms']:.0f} ms (médianes)"
    )
    say(
        f"  première requête (préparation) {figures['first_request_preparing_ms']:.0f} ms ; "
        f"catalog_version() {figures['catalog_version_query_ms']:.2f} ms ; "
        f"aides affichées {figures['shown']} ; mêmes résultats : {figures['same_results']}"
    )
    met = prepared["median_ms"] <= GOAL_MS and prepared["p95_ms"] <= GOAL_MS
    say(f"  Objectif ≤ {GOAL_MS} ms (médiane et p95) : {'atteint' if met else 'NON atteint'}.")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    say(f"Résultats : {args.output}")
    return 0 if figures["same_results"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
