"""Eligibility benchmark: one profile against a 10 000-aid catalog, and one aid's targeting over
a million demo structures on PostgreSQL.

    python -m bench eligibility                      # everything, real figures (1 000 000 structures)
    python -m bench.eligibility --structures 50000   # quicker targeting part
    python -m bench.eligibility --part engine        # part A only, no database needed

Part A (engine, pure Python): 10 000 `Criteria` drawn from realistic templates (territory only,
legal forms, ESS + employer, FTE/budget ranges, situations…; national or real region, department,
EPCI, commune codes) and 250 varied profiles. For each profile, the time to evaluate it against the
whole catalog the way the API and the "Mes aides" page do (`evaluator.Catalog`, prepared once and
timed apart), against the pre-optimisation engine kept in bench/eligibility_original.py
(ORIGINAL_*, the baseline) measured in the same run. A guard checks that both give equal evaluations (same verdicts, same reasons, same
order).

Part A' (database): the same catalog stored as 10 000 published aids; `candidate_aids()` +
`criteria_of` (per-request loading) and the whole `evaluate_aids` request path, timed separately.

Part B (targeting): `load_demo --structures N` (timed), situations declared by ~10 % of the
structures, VACUUM ANALYZE, then for a few realistic aids `eligible_structures()` as count(), as
the full id list and as the providers' page queries (median of 5), against the baseline: load every
structure (and its situations) into Python and run `engine.evaluate` on each. Both selections must
be the very same ids.

It runs in its own database, aidess_bench_elig (dropped at the end unless --keep-database), and
writes bench/results/eligibility.json.

This module is the entry point (options, report, guards); the parts live in bench/eligibility_*.py:
_common (date, goals, timing), _data (synthetic catalog and profiles), _original (the baseline),
_engine (part A), _database (the database and part A'), _targeting (part B).
"""

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also run as a script

from bench.eligibility_common import ROOT, TODAY, load_average, say  # noqa: E402
from bench.eligibility_data import Places, draw_catalog  # noqa: E402
from bench.eligibility_database import (  # noqa: E402
    DATABASE,
    SERVER_URL,
    catalog_database_part,
    drop_database,
    prepare_database,
)
from bench.eligibility_engine import engine_part  # noqa: E402
from bench.eligibility_targeting import targeting_part  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "eligibility.json"


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.eligibility", description=__doc__)
    parser.add_argument("--part", choices=["all", "engine", "database"], default="all")
    parser.add_argument("--aids", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=250)
    parser.add_argument("--request-profiles", type=int, default=30)
    parser.add_argument("--structures", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server-url", default=SERVER_URL, help="PostgreSQL server (no base)")
    parser.add_argument("--keep-database", action="store_true", help=f"keep {DATABASE}")
    parser.add_argument(
        "--reuse-database", action="store_true", help=f"reuse {DATABASE} when it exists"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    from django.apps import apps

    if apps.ready and args.part != "engine":  # Django set up for another database: start afresh
        command = [sys.executable, "-m", "bench.eligibility", *(argv or [])]
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    report = {
        "benchmark": "eligibility",
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load_average(),
        },
        "parameters": {key: str(value) for key, value in vars(args).items()},
        "today": TODAY.isoformat(),
    }
    previous = json.loads(args.output.read_text()) if args.output.exists() else {}
    started = time.perf_counter()
    catalog, profiles = None, None
    if args.part in ("all", "engine"):
        report["engine"], (catalog, profiles) = engine_part(args)
    if args.part in ("all", "database"):
        if catalog is None:
            places, rng = Places(), random.Random(args.seed)
            catalog, profiles = draw_catalog(rng, places, args.aids, args.profiles)
        report["database"], reused = prepare_database(args)
        if reused:  # figures of the run that filled it
            report["database"] = {**previous.get("database", {}), "reused": True}
        try:
            report["database_catalog"] = catalog_database_part(args, catalog, profiles)
            report["targeting"] = targeting_part(args)
            if reused and "load_demo_s" in previous.get("targeting", {}):
                report["targeting"]["load_demo_s"] = previous["targeting"]["load_demo_s"]
            from django.db import connection

            report["database"]["postgresql"] = connection.cursor().connection.info.server_version
        finally:
            if args.keep_database:
                say(f"Base {DATABASE} conservée (--keep-database).")
            else:
                drop_database(args.server_url)
                say(f"Base {DATABASE} supprimée.")
    report["machine"]["load_average_at_end"] = load_average()
    report["duration_s"] = round(time.perf_counter() - started, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.part != "all":  # keep the other part's last figures
        report = {**previous, **report}
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    say(f"Résultats : {args.output} ({report['duration_s']} s).")
    return 1 if broken_guards(report) else 0  # goals missed are reported, not errors


def broken_guards(report):
    """The checks that the optimised code and the SQL give the very same answers."""
    broken = []
    if report.get("engine", {}).get("equivalence", {}).get("differences"):
        broken.append("moteur optimisé ≠ moteur d'origine")
    catalog = report.get("database_catalog", {})
    for key in ("criteria_of_mismatches", "evaluate_aids_differences"):
        if catalog.get(key):
            broken.append(key)
    for case in report.get("targeting", {}).get("cases", []):
        if not case["identical_selection"]:
            broken.append(f"ciblage {case['name']} : sélections SQL et Python différentes")
    for problem in broken:
        say(f"ÉCHEC : {problem}")
    return broken


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
