"""Benchmark of an emergency plan's activation (issue 16): 100 000 structures among 1 000 000.

    python3 tasks.py bench plans [--structures 1000000] [--target 100000] [--runs 5]
    python3 tasks.py bench plans --keep-database     # then --reuse-database to measure again

A fresh PostgreSQL database `aidess_bench_plans` (dropped at the end unless --keep-database):
migrations, territories, then the demo generator's structures (`load_demo`'s
`create_structures`, `aidess.demo.generation`: sectors, legal forms, sizes and communes drawn as
the demo draws them), the national watch cell with its agent, one aid, and a national plan in
culture whose regions are the subset closest to `--target` structures (exactly 100 000 with the
default seed). Members (one each) are given to a sample of the targeted structures
(`--members`): their invitations are e-mailed (locmem backend, the task queue immediate). Then
`VACUUM ANALYZE`.

Measured:
(a) the count shown before activation, `targeting.targeted_counts(plan)` (`--count-runs`);
(b) the whole activation, `activation.create_outreach(plan_id)`: lines bulk-created, invitations
    e-mailed, the plan made active (`--runs`); between runs, outside the timing, the lines are
    deleted, the plan set back to « activating » and the lines' table vacuumed;
(c) the activated plan's dashboard (`plans.dashboard.plan_dashboard`, then the page), some lines
    moved on first (`--count-runs`).
Baseline in the same run: the naive way, one `PlanTarget.objects.create` per structure (each
with its history entry, as `save()` writes it) for `--baseline-sample` structures, extrapolated
to the plan's count. A floor, not what the application does: the same lines in one
`INSERT … SELECT`. Also `EXPLAIN (ANALYZE, BUFFERS)` of the targeting query the task reads.

Figures go to bench/results/plans.json.
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

from bench.applications import server  # noqa: E402
from bench.eligibility_common import ROOT, load_average, say, summary_ms  # noqa: E402
from bench.watch import timed_runs  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "plans.json"
GOAL_ACTIVATION_S = 60
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SERVER_URL = SERVER_URL.split("://", 1)[0] + "://" + SERVER_URL.split("://", 1)[1].split("/")[0]
PLAN_NAME = "Plan d'urgence culture (banc)"
SECTOR = "culture"
AGENT_EMAIL = "veille.nationale@bench.aidess.fr"
MEMBER_DOMAIN = "@membres.bench.aidess.fr"


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench plans", description=__doc__)
    parser.add_argument("--structures", type=int, default=1_000_000)
    parser.add_argument("--target", type=int, default=100_000, help="structures to target")
    parser.add_argument("--members", type=int, default=2_000, help="targeted structures mailed")
    parser.add_argument("--runs", type=int, default=5, help="timed activations")
    parser.add_argument("--count-runs", type=int, default=10, help="timed counts")
    parser.add_argument("--baseline-sample", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server (no base)")
    parser.add_argument("--database", default="aidess_bench_plans")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--reuse-database", action="store_true", help="measure a base kept by --keep-database"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def setup_django(args):
    if not args.database.replace("_", "").isalnum() or args.database == "aidess_bench_watch":
        raise SystemExit(f"Nom de base refusé : {args.database!r}")
    if not args.reuse_database:
        server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        server(args.server_url, f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{args.server_url}/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["HUEY_IMMEDIATE"] = "true"  # send_email runs inline, into the locmem outbox
    import django

    django.setup()
    import logging

    from django.db import connection

    logging.getLogger("huey").setLevel(logging.WARNING)  # a line per e-mail otherwise
    assert connection.settings_dict["NAME"] == args.database, connection.settings_dict["NAME"]


def generate(args):
    """Territories, the demo generator's structures, the cell, an aid and the plan."""
    from aidess.accounts.models import User
    from aidess.aids.enums import AidKind, AidSource, AmountKind
    from aidess.aids.models import Aid
    from aidess.demo.management.commands.load_demo import Command as LoadDemo
    from aidess.organizations.models import Organization, OrganizationMembership
    from aidess.plans.enums import PlanLevel, PlanStatus
    from aidess.plans.models import EmergencyPlan
    from bench.eligibility_database import quiet_command

    started = time.perf_counter()
    for command in ("migrate", "load_reference_data"):
        quiet_command(command)
    say(f"  migrations et territoires : {time.perf_counter() - started:.0f} s")
    step = time.perf_counter()
    LoadDemo().create_structures(args.structures, random.Random(args.seed))
    say(f"  {args.structures} structures (demo.generation) : {time.perf_counter() - step:.0f} s")

    cell = Organization.objects.create(
        name="Cellule nationale de veille", kind="watch_cell", scope_level="national"
    )
    agent = User.objects.create_user(email=AGENT_EMAIL, password=None)
    OrganizationMembership.objects.create(user=agent, organization=cell)
    aid = Aid.objects.create(
        slug="fonds-urgence-culture-banc",
        name="Fonds d'urgence culture",
        short_description="Subvention d'urgence aux structures culturelles.",
        kind=AidKind.GRANT,
        amount_kind=AmountKind.RANGE,
        amount_max_eur=30_000,
        source=AidSource.PROVIDER,
    )
    plan = EmergencyPlan.objects.create(
        name=PLAN_NAME,
        trigger="Baisse des subventions culturelles des collectivités",
        level=PlanLevel.NATIONAL,
        cell=cell,
        sectors=[SECTOR],
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2027, 6, 30),
        status=PlanStatus.ACTIVATING,
        created_by=agent,
    )
    plan.aids.add(aid)


def prepare(args):
    """The plan's regions for `--target`, and one member for `--members` of its structures
    (again on --reuse-database, so that both options apply to a kept base)."""
    from django.db import connection

    from aidess.accounts.models import User
    from aidess.plans.models import EmergencyPlan
    from aidess.plans.targeting import targeted_structures
    from aidess.structures.models import StructureMembership

    plan = EmergencyPlan.objects.get(name=PLAN_NAME)
    reset(plan)
    plan.regions.set(regions_for(args.target))
    User.objects.filter(email__endswith=MEMBER_DOMAIN).delete()
    targeted = list(targeted_structures(plan).order_by("pk").values_list("pk", flat=True))
    sample = random.Random(args.seed).sample(targeted, min(args.members, len(targeted)))
    users = User.objects.bulk_create(
        User(email=f"membre.{pk}{MEMBER_DOMAIN}", password="!") for pk in sample
    )
    StructureMembership.objects.bulk_create(
        StructureMembership(user=user, structure_id=pk, is_active=True)
        for user, pk in zip(users, sample, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return plan


def regions_for(target):
    """The set of regions whose culture structures add up closest to `target` (every subset of
    the 18 regions is tried: a quarter of a million sums)."""
    from django.db.models import Count

    from aidess.structures.models import Structure

    counts = list(
        Structure.objects.filter(sector=SECTOR, region__isnull=False)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .order_by("region_id")
    )
    sums = [0]
    for _, n in counts:  # sums[mask] = total of the regions in `mask`
        sums += [total + n for total in sums]
    best = min(range(1, len(sums)), key=lambda mask: (abs(sums[mask] - target), mask.bit_count()))
    return [region for bit, (region, _) in enumerate(counts) if best >> bit & 1]


def reset(plan):
    """Back to « activating » without lines, outside the timing (raw SQL: no history)."""
    from django.core import mail
    from django.db import connection

    from aidess.plans.enums import PlanStatus
    from aidess.plans.models import EmergencyPlan, PlanTarget

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PlanTarget._meta.db_table} WHERE plan_id = %s", [plan.pk])
        cursor.execute(f"VACUUM ANALYZE {PlanTarget._meta.db_table}")
    EmergencyPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.ACTIVATING, targeted_count=0, activated_at=None
    )
    mail.outbox = []
    gc.collect()


def measure_counts(plan, runs):
    from aidess.plans.targeting import targeted_counts

    return targeted_counts(plan), summary_ms(timed_runs(lambda: targeted_counts(plan), runs))


def measure_activation(plan, runs):
    """`create_outreach` timed as a whole, its invitations part and its SQL apart."""
    from django.core import mail
    from django.db import connection

    from aidess.plans import activation
    from aidess.plans.enums import PlanStatus
    from aidess.plans.models import EmergencyPlan

    invite_members = activation.invite_members
    spent = {"invitations": 0.0, "sql": 0.0, "statements": 0}

    def timed_invitations(plan):
        started = time.perf_counter()
        invite_members(plan)
        spent["invitations"] += time.perf_counter() - started

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["sql"] += time.perf_counter() - started
            spent["statements"] += 1

    runs_out = []
    activation.invite_members = timed_invitations
    try:
        for _ in range(runs):
            reset(plan)
            spent.update(invitations=0.0, sql=0.0, statements=0)
            with connection.execute_wrapper(timed_sql):
                started, cpu = time.perf_counter(), time.process_time()
                created = activation.create_outreach(plan.pk)
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            state = EmergencyPlan.objects.get(pk=plan.pk)
            assert state.status == PlanStatus.ACTIVE and state.targeted_count == created
            runs_out.append(
                {
                    "seconds": elapsed,
                    "cpu_s": cpu,
                    "lines": created,
                    "emails": len(mail.outbox),
                    "invitations_s": spent["invitations"],
                    "sql_s": spent["sql"],
                    "statements": spent["statements"],
                }
            )
            say(
                f"    activation : {created} lignes, {len(mail.outbox)} courriels en "
                f"{elapsed:.1f} s (CPU du processus {cpu:.1f} s, invitations "
                f"{spent['invitations']:.1f} s, SQL {spent['sql']:.1f} s en "
                f"{spent['statements']} requêtes)"
            )
    finally:
        activation.invite_members = invite_members
    return runs_out


def measure_dashboard(plan, runs):
    """The activated plan's dashboard (`plans.dashboard`) over the national agent's lines: the
    figures alone, then the whole page through the test client. Some lines are first moved on in
    SQL (opened, contacted, needs identified, helped) so that every figure counts something."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from aidess.accounts.models import User
    from aidess.plans.enums import FollowUpStatus as F
    from aidess.plans.models import PlanTarget
    from aidess.plans.permissions import targets_visible_to

    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {PlanTarget._meta.db_table}
            SET opened_at = CASE WHEN id %% 20 = 0 THEN invited_at END,
                status = CASE WHEN id %% 50 = 0 THEN %s WHEN id %% 50 < 3 THEN %s
                              WHEN id %% 50 < 8 THEN %s ELSE status END,
                helped_with_aid_id = CASE WHEN id %% 50 = 0 THEN %s END
            WHERE plan_id = %s
            """,
            [F.HELPED, F.NEEDS_IDENTIFIED, F.CONTACTED, plan.aids.get().pk, plan.pk],
        )
        cursor.execute(f"VACUUM ANALYZE {PlanTarget._meta.db_table}")
    plan.refresh_from_db()
    agent = User.objects.get(email=AGENT_EMAIL)
    from aidess.plans.dashboard import plan_dashboard

    figures = plan_dashboard(plan, targets_visible_to(agent, plan))
    assert figures["total"].targeted == plan.targeted_count, figures["total"]
    times = timed_runs(lambda: plan_dashboard(plan, targets_visible_to(agent, plan)), runs)
    client = Client()
    client.force_login(agent, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("plans:dashboard", args=[plan.pk])
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} : réponse {response.status_code}, attendu 200.")
    pages = timed_runs(lambda: client.get(url), runs)
    return {"figures": summary_ms(times), "page": summary_ms(pages), "url": url}


def measure_baseline(plan, sample_size):
    """The naive way: one `create()` per structure (its history entry with it), extrapolated."""
    from auditlog import get_logentry_model
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from aidess.plans.models import PlanTarget
    from aidess.plans.targeting import targeted_structures

    reset(plan)
    rows = list(
        targeted_structures(plan)
        .order_by("pk")
        .values_list("pk", "region_id", "department_id", "sector", "employees_fte")[:sample_size]
    )
    gc.collect()
    started = time.perf_counter()
    now = timezone.now()
    for structure_id, region, department, sector, fte in rows:
        PlanTarget.objects.create(
            plan_id=plan.pk,
            structure_id=structure_id,
            region_id=region,
            department_id=department,
            sector=sector,
            fte_at_activation=fte,
            invited_at=now,
        )
    elapsed = time.perf_counter() - started
    history = ContentType.objects.get_for_model(PlanTarget)
    get_logentry_model().objects.filter(content_type=history).delete()
    reset(plan)
    return {"sample": len(rows), "seconds": elapsed, "rows_per_s": len(rows) / elapsed}


def measure_floor(plan, runs):
    """The lines alone in one `INSERT … SELECT` of the targeting query: no row goes through
    Python. Not what the application does; the lower bound of its lines part."""
    from django.db import connection
    from django.utils import timezone

    from aidess.plans.enums import FollowUpStatus
    from aidess.plans.models import PlanTarget
    from aidess.plans.targeting import targeted_structures

    rows = (
        targeted_structures(plan)
        .order_by()
        .values_list("pk", "region_id", "department_id", "sector", "employees_fte")
    )
    select, params = rows.query.sql_with_params()
    statement = (
        f"INSERT INTO {PlanTarget._meta.db_table} (structure_id, region_id, department_id, "
        "sector, fte_at_activation, plan_id, invited_at, status, invitation_mailed, needs, "
        f"updated_at) SELECT t.*, %s, %s, %s, false, '', %s FROM ({select}) AS t "
        "ON CONFLICT DO NOTHING"
    )
    times = []
    for _ in range(runs):
        reset(plan)
        now = timezone.now()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(statement, [plan.pk, now, FollowUpStatus.INVITED, now, *params])
        times.append(time.perf_counter() - started)
    reset(plan)
    return summary_ms(times)


def main(argv=None):
    args = parse(argv)
    report = {
        "benchmark": "plans",
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_average(),
        },
        "parameters": {key: str(value) for key, value in vars(args).items()},
        "goals": {"activation_s": GOAL_ACTIVATION_S},
    }
    setup_django(args)
    try:
        if not args.reuse_database:
            generate(args)
        from aidess.plans.targeting import targeted_structures

        say("  régions du plan, membres, VACUUM ANALYZE…")
        plan = prepare(args)
        say("  comptage avant activation…")
        counts, count_ms = measure_counts(plan, args.count_runs)
        say("  EXPLAIN de la requête de ciblage…")
        rows = targeted_structures(plan).order_by("pk").values_list("pk", "region_id", "sector")
        plan_text = rows.explain(analyze=True, buffers=True)
        say(f"  {args.runs} activations…")
        activations = measure_activation(plan, args.runs)
        say("  tableau de bord du plan activé…")
        dashboard = measure_dashboard(plan, args.count_runs)
        say(f"  référence : {args.baseline_sample} create() un par un…")
        baseline = measure_baseline(plan, args.baseline_sample)
        say("  plancher : les lignes en un INSERT … SELECT…")
        floor = measure_floor(plan, max(3, args.runs))
        regions = sorted(plan.regions.values_list("code", flat=True))
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep_database or args.reuse_database):
            server(args.server_url, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')

    targeted = counts["total"]
    keys = {"total": "seconds", "invitations": "invitations_s", "sql": "sql_s", "cpu": "cpu_s"}
    parts = {name: summary_ms([run[key] for run in activations]) for name, key in keys.items()}
    activation_s, invitations, sql, cpu = parts.values()
    median_s = activation_s["median_ms"] / 1000
    extrapolated_s = baseline["seconds"] / baseline["sample"] * targeted
    ratio = extrapolated_s / median_s
    report.update(
        plan={"sector": SECTOR, "regions": regions, "targeted": targeted, "counts": counts},
        count_ms=count_ms,
        activations=activations,
        activation_ms=parts,
        baseline_naive_create={**baseline, "extrapolated_s": round(extrapolated_s, 1)},
        floor_insert_select_ms=floor,
        dashboard_ms=dashboard,
        explain_targeting=plan_text,
    )
    report["machine"]["load_average_at_end"] = load_average()
    say(
        f"\nMachine : {os.cpu_count()} processeurs, charge moyenne au début "
        f"{report['machine']['load_average_at_start']}, à la fin {load_average()}."
    )
    say(
        f"\nActivation d'un plan, {args.structures} structures : secteur {SECTOR}, "
        f"{len(regions)} régions ({', '.join(regions)})"
    )
    say(f"  structures ciblées                          {targeted:>9}")
    say(
        f"  comptage avant activation (targeted_counts)  médiane {count_ms['median_ms']:8.1f} ms"
        f"   p95 {count_ms['p95_ms']:8.1f} ms"
    )
    say(
        f"  activation (create_outreach)                 médiane {median_s:8.1f} s "
        f"   p95 {activation_s['p95_ms'] / 1000:8.1f} s   ({len(activations)} passages)"
    )
    say(
        f"    dont invitations ({activations[0]['emails']} courriels)      médiane "
        f"{invitations['median_ms'] / 1000:8.1f} s ; SQL {sql['median_ms'] / 1000:.1f} s ; "
        f"CPU du processus {cpu['median_ms'] / 1000:.1f} s"
    )
    say(f"    débit : {targeted / median_s:,.0f} lignes/s".replace(",", " "))
    for name, label in [("figures", "chiffres (plan_dashboard)"), ("page", "page entière")]:
        say(
            f"  tableau de bord du plan, {label:<26} médiane "
            f"{dashboard[name]['median_ms']:8.1f} ms   p95 {dashboard[name]['p95_ms']:8.1f} ms"
        )
    say(
        f"  référence : create() un par un, {baseline['sample']} lignes en "
        f"{baseline['seconds']:.1f} s ({baseline['rows_per_s']:.0f} lignes/s), "
        f"extrapolé à {targeted} : {extrapolated_s:.0f} s"
    )
    say(f"  l'activation est ×{ratio:.0f} plus rapide que la référence extrapolée.")
    lines_s = median_s - invitations["median_ms"] / 1000
    say(
        f"  plancher : les lignes seules en un INSERT … SELECT  médiane "
        f"{floor['median_ms'] / 1000:.1f} s (lignes de l'activation, invitations ôtées : "
        f"{lines_s:.1f} s)"
    )
    met = activation_s["p95_ms"] / 1000 <= GOAL_ACTIVATION_S
    say(
        f"  Objectif activation ≤ {GOAL_ACTIVATION_S} s (p95) : "
        f"{'atteint' if met else 'NON atteint'}."
    )
    report["verdicts"] = {"activation": met, "ratio_to_baseline": round(ratio, 1)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    say(f"Résultats : {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
