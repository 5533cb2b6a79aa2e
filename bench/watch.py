"""Benchmark of the watch cells at scale (issue 15): 1 000 000 structures, 100 000 alerts.

    python3 tasks.py bench watch [--structures 1000000] [--alerts 100000] [--runs 40]
    python3 tasks.py bench watch --keep-database     # then --reuse-database to measure again

A fresh PostgreSQL database (dropped at the end unless --keep-database): migrations, territories,
one watch cell per region and a national one, each with an agent; then, in SQL
(`generate_series`, seconds for a million rows), the structures spread over every department,
the alerts (every state, cause, urgency and level, over 18 months, 10 % confidential, each
copying its structure's place and sector as the application does), a risk level for each alerted
structure, and 5 000 follows. Then `VACUUM ANALYZE`.

Measured, server time through Django's test client (the whole page: queries, template, map):
(a) the national cell's dashboard (every region, with the map of regions);
(b) the regional cell's dashboard (Nouvelle-Aquitaine's departments, with the map);
(c) the map alone (`territories.maps.choropleth` of the departments, figures from the dashboard);
(d) the agent's list page with three filters (department, cause, level), and without any
    (regional and national cells: the whole zone's structures with an open alert or followed).
Goal: each ≤ 300 ms p95. Baseline in the same run: the national dashboard's figures computed by
loading the zone's alert rows into Python (`values_list`, then counting in Python).

Figures go to bench/results/watch.json.
"""

import argparse
import datetime
import gc
import json
import os
import platform
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also run as a script

from bench.applications import server  # noqa: E402
from bench.eligibility_common import ROOT, load_average, say, summary_ms  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "watch.json"
GOAL_P95_MS = 300
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SERVER_URL = SERVER_URL.split("://", 1)[0] + "://" + SERVER_URL.split("://", 1)[1].split("/")[0]
NOUVELLE_AQUITAINE = "75"
PASSWORDLESS = None


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench watch", description=__doc__)
    parser.add_argument("--structures", type=int, default=1_000_000)
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40, help="timed requests per case")
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server (no base)")
    parser.add_argument("--database", default="aidess_bench_watch")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--reuse-database", action="store_true", help="measure a base kept by --keep-database"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


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


def agent_email(region_code):
    return f"veille.{region_code or 'nationale'}@bench.aidess.fr"


def generate(args):
    """Cells and agents with the ORM; structures, alerts, risks and follows in SQL."""
    from django.db import connection

    from aidess.accounts.models import User
    from aidess.organizations.models import Organization, OrganizationMembership
    from aidess.structures.enums import Sector
    from aidess.structures.models import Structure
    from aidess.territories.models import Region
    from aidess.watch.enums import AlertCause, AlertStatus, RiskLevel, Urgency
    from aidess.watch.models import Alert, Follow, StructureRisk
    from bench.eligibility_database import quiet_command

    started = time.perf_counter()
    for command in ("migrate", "load_reference_data"):
        quiet_command(command)
    say(f"  migrations et territoires : {time.perf_counter() - started:.0f} s")
    step = time.perf_counter()

    for code in [None, *Region.objects.values_list("code", flat=True)]:
        cell = Organization.objects.create(
            name=f"Cellule de veille {code or 'nationale'}",
            kind="watch_cell",
            scope_level="regional" if code else "national",
        )
        if code:
            cell.regions.set([code])
        user = User.objects.create_user(email=agent_email(code), password=PASSWORDLESS)
        OrganizationMembership.objects.create(user=user, organization=cell)

    sectors = "ARRAY[" + ",".join(f"'{s}'" for s in Sector.values) + "]"
    table = Structure._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH departments AS (
                SELECT code, region_id, (row_number() OVER (ORDER BY code)) - 1 AS position,
                       count(*) OVER () AS total
                FROM territories_department
            )
            INSERT INTO {table} (version, name, legal_form, sector, is_ess, rna_number, is_esus,
                is_iae, is_demo, created_at, updated_at, department_id, region_id, siret,
                employees_fte)
            SELECT 1, 'Association ' || g, 'association',
                   ({sectors})[1 + g % {len(Sector.values)}],
                   true, '', false, false, false, now(), now(), d.code, d.region_id,
                   '8' || lpad(g::text, 13, '0'), (g % 40)::numeric
            FROM generate_series(1, {args.structures}) AS g
            JOIN departments d ON d.position = (g::bigint * 7919) % d.total
            """
        )
        say(f"  {args.structures} structures : {time.perf_counter() - step:.0f} s")
        step = time.perf_counter()
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        first, last = cursor.fetchone()
        states = [AlertStatus.NEW] * 5 + [AlertStatus.QUALIFIED] * 4
        states += [AlertStatus.IN_HANDLING] * 4 + [AlertStatus.ESCALATED]
        states += [AlertStatus.RESOLVED] * 6
        levels = [RiskLevel.RED] * 2 + [RiskLevel.ORANGE] * 3 + [RiskLevel.GREEN] * 3
        levels += [RiskLevel.UNKNOWN] * 2
        cursor.execute(
            f"""
            INSERT INTO {Alert._meta.db_table} (structure_id, cell_id, cause, urgency, source,
                source_detail, external_id, description, collective_procedure, is_confidential, status,
                resolution,
                escalation_reason, national_resources, level, region_id, department_id, sector,
                amount_at_stake_eur, jobs_at_risk_fte, created_at, updated_at)
            SELECT s.id, c.id,
                   ({array(AlertCause.values)})[1 + g % {len(AlertCause.values)}],
                   ({array(Urgency.values)})[1 + g % {len(Urgency.values)}],
                   'cell', '', '', '', '', g % 10 = 0,
                   ({array(states)})[1 + g % {len(states)}],
                   '', '', '[]'::jsonb,
                   ({array(levels)})[1 + (g * 31) % {len(levels)}],
                   s.region_id, s.department_id, s.sector,
                   (g % 50) * 1000, (g % 7)::numeric,
                   now() - ((g % 540) || ' days')::interval, now()
            FROM generate_series(1, {args.alerts}) AS g
            JOIN {table} s ON s.id = {first} + (g::bigint * 9973) % ({last} - {first} + 1)
            JOIN organizations_organization_regions r ON r.region_id = s.region_id
            JOIN organizations_organization c ON c.id = r.organization_id
            """
        )
        cursor.execute(
            f"""
            INSERT INTO {StructureRisk._meta.db_table} (structure_id, level, factors, computed_at)
            SELECT DISTINCT ON (structure_id) structure_id, level, '[]'::jsonb, now()
            FROM {Alert._meta.db_table} ORDER BY structure_id, id DESC
            """
        )
        cursor.execute(
            f"""
            INSERT INTO {Follow._meta.db_table} (cell_id, structure_id, reason, started_at,
                end_reason, actions_taken)
            SELECT cell_id, structure_id, 'Suivie par la cellule', now(), '', ''
            FROM (SELECT DISTINCT ON (structure_id) cell_id, structure_id
                  FROM {Alert._meta.db_table} ORDER BY structure_id LIMIT 5000) followed
            """
        )
        say(f"  {args.alerts} signalements, risques, suivis : {time.perf_counter() - step:.0f} s")
        step = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        say(f"  VACUUM ANALYZE : {time.perf_counter() - step:.0f} s")


def array(values):
    return "ARRAY[" + ",".join(f"'{value}'" for value in values) + "]"


def timed_runs(function, runs):
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def client_for(email):
    from django.test import Client

    from aidess.accounts.models import User

    client = Client()
    client.force_login(
        User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def page_case(client, url, runs):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} : réponse {response.status_code}, attendu 200.")
    timed_runs(lambda: client.get(url), 3)
    return {**summary_ms(timed_runs(lambda: client.get(url), runs)), "url": url}


def baseline_dashboard(user):
    """The national dashboard's figures from the rows loaded into Python."""
    from aidess.watch.enums import OPEN_ALERT_STATES
    from aidess.watch.permissions import alerts_visible_to

    rows = alerts_visible_to(user).values_list(
        "status",
        "cause",
        "level",
        "region_id",
        "jobs_at_risk_fte",
        "amount_at_stake_eur",
        "created_at",
    )
    by_state, by_cause, by_level = Counter(), Counter(), Counter()
    by_area, by_month = defaultdict(lambda: [0, 0, 0]), Counter()
    for status, cause, level, region, jobs, amount, created_at in rows:
        by_state[status] += 1
        by_month[created_at.strftime("%Y-%m")] += 1
        if status in OPEN_ALERT_STATES:
            by_cause[cause] += 1
            by_level[level] += 1
            area = by_area[region]
            area[0] += 1
            area[1] += jobs or 0
            area[2] += amount or 0
    return by_state, by_cause, by_level, by_area, by_month


def measure(runs):
    from django.urls import reverse

    from aidess.accounts.models import User
    from aidess.territories.maps import choropleth
    from aidess.watch.dashboards import dashboard

    national, regional = client_for(agent_email(None)), client_for(agent_email(NOUVELLE_AQUITAINE))
    dashboard_url = reverse("watch:dashboard")
    list_url = reverse("watch:home") + "?department=23&cause=state_funding_cut&level=red"
    cases = {
        "tableau de bord national (régions + carte)": page_case(national, dashboard_url, runs),
        "tableau de bord régional (départements + carte)": page_case(regional, dashboard_url, runs),
        "liste de la cellule régionale, 3 filtres": page_case(regional, list_url, runs),
        "liste de la cellule régionale, sans filtre": page_case(
            regional, reverse("watch:home"), runs
        ),
        "liste de la cellule nationale, sans filtre": page_case(
            national, reverse("watch:home"), runs
        ),
    }
    user = User.objects.get(email=agent_email(NOUVELLE_AQUITAINE))
    areas = {f.key: f.alerts for f in dashboard(user)["by_area"]}
    cases["carte des départements seule"] = summary_ms(
        timed_runs(lambda: str(choropleth("department", areas)), runs)
    )
    national_user = User.objects.get(email=agent_email(None))
    baseline = summary_ms(timed_runs(lambda: baseline_dashboard(national_user), max(5, runs // 4)))
    return cases, baseline


def main(argv=None):
    args = parse(argv)
    report = {
        "benchmark": "watch",
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_average(),
        },
        "parameters": {key: str(value) for key, value in vars(args).items()},
        "goals": {"p95_ms": GOAL_P95_MS},
    }
    setup_django(args)
    try:
        if not args.reuse_database:
            generate(args)
        cases, baseline = measure(args.runs)
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep_database or args.reuse_database):
            server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    report["cases"], report["baseline_national_in_python"] = cases, baseline
    report["machine"]["load_average_at_end"] = load_average()
    say(
        f"\nMachine : {os.cpu_count()} processeurs, charge moyenne au début "
        f"{report['machine']['load_average_at_start']}, à la fin {load_average()}."
    )
    say(f"\nCellules de veille, {args.structures} structures, {args.alerts} signalements (ms) :")
    worst = 0.0
    for name, figures in cases.items():
        worst = max(worst, figures["p95_ms"])
        say(f"  {name:<50} médiane {figures['median_ms']:7.1f}   p95 {figures['p95_ms']:7.1f}")
    say(
        f"  référence : chiffres nationaux calculés en Python   médiane "
        f"{baseline['median_ms']:7.1f}   p95 {baseline['p95_ms']:7.1f}"
    )
    national = cases["tableau de bord national (régions + carte)"]
    ratio = baseline["median_ms"] / max(national["median_ms"], 0.001)
    say(f"  la page nationale entière est ×{ratio:.1f} plus rapide que la référence seule.")
    met = worst <= GOAL_P95_MS
    say(f"  Objectif p95 ≤ {GOAL_P95_MS} ms : {'atteint' if met else 'NON atteint'} "
        f"({worst:.1f} ms au pire).")  # fmt: skip
    report["verdicts"] = {"p95": met, "ratio_to_baseline": round(ratio, 1)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    say(f"Résultats : {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
