"""Benchmark of applications at scale (issue 13): 100 000 applications on PostgreSQL.

    python3 tasks.py bench applications [--applications 100000] [--runs 60] [--keep-database]
    python3 tasks.py bench applications --reuse-database   # measure again a kept base

A fresh PostgreSQL database (dropped at the end unless --keep-database): migrations, territories,
then generated in bulk (`bulk_create` in batches): 6 providers (one without SIRET), 24 aids,
20 000 structures, the applications in every state (40 % accepted, with 0 to 3 payments each),
labels and assignments. Then `VACUUM ANALYZE`.

(a) The inbox, as the page runs it: `filters.select(applications_instructed_by(user),
    InboxFilters(tab, aid_ids, department_code))[:50]` with the rows' structure, aid, assigned
    instructor and labels, plus `tab_counts`, for a regional instructor (Hauts-de-France). If the
    page `instruction:inbox` is built (not a placeholder), it is also requested through the test
    client. Goal: p95 ≤ 100 ms.
(b) The SCDL export of every granted subsidy (`opendata.scdl.csv_chunks`, what the API streams):
    rows/s (goal ≥ 20 000) and Python memory peak (tracemalloc) for the first 10 000 rows against
    all of them (goal: the same, constant memory). Baseline in the same run: the same rows read
    with the ORM without care (model instances, relations read one by one, `csv.writer`).

Figures go to bench/results/applications.json.
"""

import argparse
import csv
import datetime
import gc
import io
import json
import os
import platform
import random
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also run as a script

from bench.eligibility_common import ROOT, load_average, say, summary_ms  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "applications.json"
GOAL_INBOX_P95_MS = 100
GOAL_ROWS_PER_S = 20_000
MEMORY_SAMPLE_ROWS = 10_000
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SERVER_URL = SERVER_URL.split("://", 1)[0] + "://" + SERVER_URL.split("://", 1)[1].split("/")[0]
BATCH = 5000
HAUTS_DE_FRANCE = "32"
# (state, share): 40 % accepted, so that the export has rows to stream.
STATES = [
    ("deposee", 0.12),
    ("en_instruction", 0.15),
    ("a_corriger", 0.05),
    ("acceptee", 0.40),
    ("refusee", 0.18),
    ("sans_suite", 0.06),
    ("retiree", 0.04),
]


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench applications", description=__doc__)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--structures", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=60, help="timed inbox queries per case")
    parser.add_argument("--baseline-rows", type=int, default=2000, help="rows of the baseline")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server (no base)")
    parser.add_argument("--database", default="aidess_bench_applications")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--reuse-database", action="store_true", help="measure a base kept by --keep-database"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def server(server_url, statement):
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def luhn_siret(rng, prefix):
    body = prefix + "".join(rng.choice("0123456789") for _ in range(13 - len(prefix)))
    for key in "0123456789":
        total = 0
        for position, digit in enumerate(reversed(body + key)):
            number = int(digit) * (2 if position % 2 else 1)
            total += number - 9 if number > 9 else number
        if total % 10 == 0:
            return body + key
    raise AssertionError


def setup_django(args):
    if not args.database.replace("_", "").isalnum():
        raise SystemExit(f"Nom de base inattendu : {args.database!r}")
    if not args.reuse_database:
        server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        server(args.server_url, f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{args.server_url}/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["HUEY_IMMEDIATE"] = "true"
    import django

    django.setup()


def generate(args):
    """Providers, aids, structures, applications, payments, labels: bulk inserts only."""
    from django.db import connection
    from django.utils import timezone

    from aidess.accounts.models import User
    from aidess.aids.models import Aid
    from aidess.applications.models import Application, Label, Payment
    from aidess.organizations.models import Organization, OrganizationMembership
    from aidess.structures.models import Structure
    from aidess.territories.models import Department
    from bench.eligibility_database import quiet_command

    rng = random.Random(args.seed)
    started = time.perf_counter()
    for command in ("migrate", "load_reference_data"):
        quiet_command(command)
    say(f"  migrations et territoires : {time.perf_counter() - started:.0f} s")
    step = time.perf_counter()

    providers = Organization.objects.bulk_create(
        Organization(
            name=f"Financeur {n}",
            kind="provider",
            scope_level="regional" if n == 0 else "national",
            siret="" if n == 5 else luhn_siret(rng, "1"),
        )
        for n in range(6)
    )
    providers[0].regions.set([HAUTS_DE_FRANCE])
    aids = Aid.objects.bulk_create(
        Aid(
            name=f"Fonds {n} pour l'emploi associatif",
            slug=f"fonds-{n}",
            short_description="Aide générée pour le banc.",
            kind="support" if n % 6 == 5 else "grant",
            status="published",
            source="provider",
            is_national=True,
            apply_in_aidess=True,
        )
        for n in range(24)
    )
    Aid.providers.through.objects.bulk_create(
        Aid.providers.through(aid=aid, organization=providers[n % 6]) for n, aid in enumerate(aids)
    )
    instructors = []
    for n in range(5):
        user = User.objects.create_user(email=f"instructeur{n}@bench.aidess.fr", password=None)
        user.first_name, user.last_name = "Agent", f"Numéro {n}"
        user.save()
        OrganizationMembership.objects.create(user=user, organization=providers[0])
        instructors.append(user)
    labels = Label.objects.bulk_create(
        Label(organization=providers[0], name=name)
        for name in ("Prioritaire", "Visite prévue", "Pièce manquante", "Comité de mars")
    )

    departments = list(Department.objects.values_list("code", "region_id"))
    north = [d for d in departments if d[1] == HAUTS_DE_FRANCE]
    structure_ids = []
    for start in range(0, args.structures, BATCH):
        batch = []
        for n in range(start, min(start + BATCH, args.structures)):
            code, region = rng.choice(north) if rng.random() < 0.35 else rng.choice(departments)
            rna = f"W{rng.randrange(10**9):09d}" if rng.random() < 0.5 else ""
            siret = luhn_siret(rng, "8") if n % 10 else None  # 10 % by RNA only
            batch.append(
                Structure(
                    name=f"Association {n} {rng.choice(['des', 'pour les', 'de'])} "
                    f"{rng.choice(['jardins', 'habitants', 'arts', 'repas', 'sports'])}",
                    siret=siret if siret or rna else luhn_siret(rng, "8"),
                    rna_number=rna,
                    department_id=code,
                    region_id=region,
                    is_ess=True,
                )
            )
        structure_ids += [s.pk for s in Structure.objects.bulk_create(batch)]
    say(f"  {len(structure_ids)} structures : {time.perf_counter() - step:.0f} s")
    step = time.perf_counter()

    now = timezone.now()
    states, weights = zip(*STATES, strict=True)
    payments, count = [], 0
    for start in range(0, args.applications, BATCH):
        batch = []
        for n in range(start, min(start + BATCH, args.applications)):
            state = rng.choices(states, weights)[0]
            submitted = now - datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            requested = Decimal(rng.randrange(1_000, 80_000))
            accepted = state == "acceptee"
            decided = submitted + datetime.timedelta(days=rng.randrange(10, 90))
            batch.append(
                Application(
                    structure_id=rng.choice(structure_ids),
                    aid=rng.choice(aids),
                    status=state,
                    reference=f"{submitted.year}-{n + 1:06d}",
                    project_title=f"Projet {n} : {rng.choice(['création', 'développement'])} "
                    f"d'{rng.choice(['un tiers-lieu', 'une épicerie', 'un atelier'])}",
                    project_budget_eur=requested * 3,
                    amount_requested_eur=requested,
                    submitted_at=submitted,
                    assigned_to=rng.choice(instructors) if rng.random() < 0.3 else None,
                    amount_granted_eur=requested * Decimal("0.8") if accepted else None,
                    decided_at=decided if state in ("acceptee", "refusee", "sans_suite") else None,
                )
            )
        created = Application.objects.bulk_create(batch)
        count += len(created)
        for application in created:
            if application.status == "acceptee":
                day = application.decided_at.date()
                for k in range(rng.choice([0, 1, 1, 2, 3])):
                    payments.append(
                        Payment(
                            application=application,
                            paid_on=day + datetime.timedelta(days=30 * (k + 1)),
                            amount_eur=application.amount_granted_eur / 4,
                        )
                    )
        Payment.objects.bulk_create(payments)
        payments = []
    through = Application.labels.through
    picked = Application.objects.filter(aid__providers=providers[0]).values_list("pk", flat=True)
    through.objects.bulk_create(
        through(application_id=pk, label=rng.choice(labels))
        for pk in picked.iterator()
        if rng.random() < 0.1
    )
    say(f"  {count} demandes et leurs versements : {time.perf_counter() - step:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"Base {args.database} prête en {time.perf_counter() - started:.0f} s.")
    return instructors[0]


def timed_runs(function, runs, cpu=None):
    """Wall times; `cpu` (a list) gets this process's CPU times: the machine may be shared."""
    times = []
    for _ in range(runs):
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - cpu_started)
    return times


def measure_inbox(user, runs):
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from aidess.aids.models import Aid
    from aidess.applications.permissions import applications_instructed_by
    from aidess.instruction.filters import InboxFilters, select, tab_counts

    aid_ids = tuple(
        Aid.objects.filter(providers__memberships__user=user).values_list("pk", flat=True)
    )
    cases = {
        "à traiter, 2 aides, Nord (59)": InboxFilters(
            tab="a_traiter", aid_ids=aid_ids[:2], department_code="59"
        ),
        "acceptées, 1 aide, Somme (80)": InboxFilters(
            tab="acceptees", aid_ids=aid_ids[:1], department_code="80"
        ),
        "toutes, sans filtre": InboxFilters(tab="toutes"),
    }
    figures = {}
    for name, filters in cases.items():

        def page(filters=filters):
            applications = applications_instructed_by(user)
            rows = list(
                select(applications, filters)
                .select_related("structure", "aid", "assigned_to")
                .prefetch_related("labels")[:50]
            )
            cells = [
                (a.structure.name, a.aid.name, str(a.assigned_to or ""), list(a.labels.all()))
                for a in rows
            ]
            return len(cells), tab_counts(applications, filters)

        shown, counts = page()
        timed_runs(page, 5)  # warm
        cpu = []
        times = timed_runs(page, runs, cpu)
        with connection.cursor() as cursor:
            sql, params = select(applications_instructed_by(user), filters)[
                :50
            ].query.sql_with_params()
            cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        figures[name] = {
            **summary_ms(times),
            "cpu": summary_ms(cpu),
            "rows": shown,
            "tab_counts": counts,
            "plan_first_lines": plan[:12],
        }

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("instruction:inbox") + f"?tab=a_traiter&aid={aid_ids[0]}&aid={aid_ids[1]}"
    url += "&department=59"
    response = client.get(url)
    page_figures = None
    if response.status_code == 200:
        timed_runs(lambda: client.get(url), 3)
        page_figures = {**summary_ms(timed_runs(lambda: client.get(url), runs)), "url": url}
    return figures, page_figures, response.status_code


def scdl_export(limit=None):
    """Every granted row through `csv_chunks` (what the API streams), bytes discarded; `limit`:
    the rows decided up to the limit-th decision (a date filter, as `?to=` would do)."""
    from aidess.opendata import scdl

    applications = scdl.granted()
    if limit:
        ordered = applications.order_by("decided_at", "pk").values_list("decided_at", flat=True)
        applications = applications.filter(decided_at__lte=ordered[limit - 1])
    size = 0
    for piece in scdl.csv_chunks(applications):
        size += len(piece.encode())
    return size


def baseline_export(limit=None):
    """The same rows with the ORM without care: instances, relations read one by one."""
    from aidess.opendata import scdl

    applications = scdl.granted().order_by("decided_at", "pk")
    applications = list(applications[:limit] if limit else applications)  # all in memory
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(scdl.FIELDS)
    for application in applications:
        providers = [p for p in application.aid.providers.all() if scdl.is_siret(p.siret)]
        structure = application.structure
        if not providers or not (structure.siret or structure.rna_number):
            continue
        payments = list(application.payments.all())
        days = sorted(payment.paid_on for payment in payments)
        decided = application.decided_at.date()
        writer.writerow(
            [providers[0].name, providers[0].siret, decided.isoformat(), application.reference,
             structure.name, structure.siret or "", structure.rna_number,
             application.project_title or application.aid.name, application.amount_granted_eur,
             scdl.NATURE[application.aid.kind], "échelonné" if len(days) > 1 else "unique",
             "/".join(d.isoformat() for d in days[:1] + days[-1:]) or decided.isoformat(), "",
             "non", "1.00", application.aid.name]
        )  # fmt: skip
    return len(buffer.getvalue().encode())


def memory_peak(function, limit):
    gc.collect()
    tracemalloc.start()
    try:
        function(limit)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure_export(baseline_rows):
    """The streamed export over every granted row; the baseline over its first `baseline_rows`
    (it sends 3 queries a row: on a shared machine, all of them would take many minutes)."""
    from aidess.opendata import scdl

    granted = scdl.granted().count()
    rows = sum(1 for _ in scdl.rows(scdl.granted(), scdl.attributors()))
    figures = {"granted": granted, "rows_written": rows}
    cases = (
        ("scdl", scdl_export, None, MEMORY_SAMPLE_ROWS, rows),
        ("baseline", baseline_export, baseline_rows, baseline_rows // 4, baseline_rows),
    )
    for name, function, limit, small, count in cases:
        function(200)  # warm
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        size = function(limit)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        figures[name] = {
            "rows": count,
            "seconds": round(elapsed, 2),
            "cpu_seconds": round(cpu, 2),
            "rows_per_s": round(count / elapsed),
            "rows_per_cpu_s": round(count / cpu),
            "bytes": size,
            "memory_rows": [small, count],
            "peak_bytes": [memory_peak(function, small), memory_peak(function, limit)],
        }
    return figures


def main(argv=None):
    args = parse(argv)
    report = {
        "benchmark": "applications",
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_average(),
        },
        "parameters": {key: str(value) for key, value in vars(args).items()},
        "goals": {"inbox_p95_ms": GOAL_INBOX_P95_MS, "export_rows_per_s": GOAL_ROWS_PER_S},
    }
    setup_django(args)
    try:
        if args.reuse_database:
            from aidess.accounts.models import User
            from aidess.applications.models import Application

            user = User.objects.get(email="instructeur0@bench.aidess.fr")
            args.applications = Application.objects.count()
        else:
            user = generate(args)
        inbox, page, page_status = measure_inbox(user, args.runs)
        report["inbox_query"], report["inbox_page"] = inbox, page
        report["inbox_page_status"] = page_status
        report["export"] = export = measure_export(args.baseline_rows)
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep_database or args.reuse_database):
            server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    report["machine"]["load_average_at_end"] = load_average()
    say(
        f"\nMachine : {os.cpu_count()} processeurs, charge moyenne au début "
        f"{report['machine']['load_average_at_start']}, à la fin {load_average()}."
    )

    say(
        f"\nBoîte de réception, {args.applications} demandes (ms, requête des 50 lignes + onglets) :"
    )
    worst = 0.0
    for name, figures in inbox.items():
        worst = max(worst, figures["p95_ms"])
        say(
            f"  {name:<32} médiane {figures['median_ms']:7.1f}   p95 {figures['p95_ms']:7.1f}   "
            f"(CPU méd. {figures['cpu']['median_ms']:5.1f}) {figures['rows']} lignes, "
            f"{figures['tab_counts'].get('toutes')} dans « Toutes »"
        )
    if page:
        worst = max(worst, page["p95_ms"])
        say(f"  page entière (client de test)    médiane {page['median_ms']:7.1f}   "
            f"p95 {page['p95_ms']:7.1f}")  # fmt: skip
    else:
        say(
            f"  page instruction:inbox pas encore construite (réponse {page_status}) : "
            "seule la requête de la page est mesurée."
        )
    met = worst <= GOAL_INBOX_P95_MS
    say(f"  Objectif p95 ≤ {GOAL_INBOX_P95_MS} ms : {'atteint' if met else 'NON atteint'} "
        f"({worst:.1f} ms au pire).")  # fmt: skip

    scdl_figures, baseline = export["scdl"], export["baseline"]
    say(f"\nExport SCDL : {export['rows_written']} lignes ({export['granted']} accordées) :")
    for label, figures in (("flux values_list", scdl_figures), ("ORM sans soin", baseline)):
        (small, large), (small_peak, large_peak) = figures["memory_rows"], figures["peak_bytes"]
        say(
            f"  {label:<17} {figures['rows']:>6} lignes en {figures['seconds']:6.2f} s : "
            f"{figures['rows_per_s']:>7} lignes/s ({figures['rows_per_cpu_s']:>7} par s de CPU) ; "
            f"pic mémoire Python {small_peak / 1e6:5.1f} Mo à {small} lignes, "
            f"{large_peak / 1e6:5.1f} Mo à {large}"
        )
    ratio = scdl_figures["rows_per_s"] / max(1, baseline["rows_per_s"])
    say(f"  ×{ratio:.0f} plus rapide que la référence (lignes/s).")
    fast = scdl_figures["rows_per_s"] >= GOAL_ROWS_PER_S
    small_peak, large_peak = scdl_figures["peak_bytes"]
    constant = large_peak <= 1.2 * small_peak + 1e6
    say(f"  Objectif ≥ {GOAL_ROWS_PER_S} lignes/s : {'atteint' if fast else 'NON atteint'} ; "
        f"mémoire constante : {'atteint' if constant else 'NON atteint'}.")  # fmt: skip
    report["verdicts"] = {"inbox": met, "export_speed": fast, "export_memory": constant}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    say(f"Résultats : {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
