"""Part B of the eligibility benchmark (`python -m bench eligibility --part database`): one aid's
targeting (`eligible_structures`) over the demo structures on PostgreSQL, against the baseline of
every structure loaded into Python and evaluated by the engine.

Runs once `bench.eligibility_database.prepare_database` has configured Django: every Django or
`aidess` model import below stays inside the functions.
"""

import gc
from decimal import Decimal

from aidess.eligibility import engine
from aidess.eligibility.engine import AidVerdict, Criteria, Profile, Territory
from aidess.nomenclatures.vocabulary import SITUATIONS
from bench.eligibility_common import (
    GOAL_TARGETING_RATIO,
    GOAL_TARGETING_S,
    TODAY,
    say,
    summary_ms,
    timed,
)
from bench.eligibility_database import quiet_command

# --------------------------------------------------------------------------------------------
# Part B: targeting one aid's criteria over the demo structures
# --------------------------------------------------------------------------------------------

TARGETS = [
    (
        "dsess",
        "type DSESS : ESS, 3 ETP au plus, crise sanitaire",
        Criteria(ess_required=True, fte_max=Decimal(3), situations_any=frozenset({"covid_crisis"})),
    ),
    (
        "france_active",
        "type France Active : association ou ESUS, budget ≥ 200 000 €",
        Criteria(
            legal_forms=frozenset({"association"}),
            legal_forms_or_esus=True,
            budget_min=Decimal(200_000),
        ),
    ),
    (
        "region_32_employer_ess",
        "régionale : Hauts-de-France (32), employeur, ESS",
        Criteria(
            ess_required=True,
            employer_required=True,
            territory=Territory(national=False, regions=frozenset({"32"})),
        ),
    ),
    (
        "department_23_culture",
        "départementale : Creuse (23), secteur culture",
        Criteria(
            sectors=frozenset({"culture"}),
            territory=Territory(national=False, departments=frozenset({"23"})),
        ),
    ),
    (
        "epci_lyon_iae",
        "Métropole de Lyon (EPCI), IAE, emploi-insertion",
        Criteria(
            iae_required=True,
            sectors=frozenset({"employment_insertion"}),
            territory=Territory(national=False, epcis=frozenset({"200046977"})),
        ),
    ),
    (
        "young_public_funding",
        "moins de 3 ans d'existence, ≥ 50 % de financements publics",
        Criteria(max_age_years=3, public_share_min=Decimal(50)),
    ),
    (
        "national_associations",
        "aide importée : associations et fondations, toute la France",
        Criteria(legal_forms=frozenset({"association", "foundation"})),
    ),
]


def add_situations():
    """About 10 % of the structures declare one or two difficulties, 10 % declare none."""
    from django.db import connection, transaction
    from django.utils import timezone

    from aidess.structures.models import Structure, StructureSituation

    structures = Structure._meta.db_table
    situations = StructureSituation._meta.db_table
    codes = list(SITUATIONS)
    count = len(codes)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {situations}")
        cursor.execute(
            f"""INSERT INTO {situations} (structure_id, situation)
            SELECT id, (%s::text[])[1 + (id / 10) %% {count}] FROM {structures} WHERE id %% 10 = 3
            UNION ALL
            SELECT id, (%s::text[])[1 + ((id / 10) %% {count} + 1 + (id / 90) %% {count - 1})
                %% {count}]
            FROM {structures} WHERE id %% 30 = 3""",
            [codes, codes],
        )
        cursor.execute(
            f"UPDATE {structures} SET situations_declared_at = %s WHERE id %% 10 IN (3, 7)",
            [timezone.now()],
        )
        cursor.execute(f"SELECT count(*) FROM {situations}")
        return cursor.fetchone()[0]


def load_structures(args):
    from django.db import connection

    from aidess.structures.models import Structure

    figures = {}
    existing = Structure.objects.filter(is_demo=True).count()
    if existing != args.structures:
        if existing:
            Structure.objects.filter(is_demo=True).delete()
        say(f"load_demo --structures {args.structures}…")
        seconds, _ = timed(
            quiet_command, "load_demo", structures=args.structures, seed=args.seed, reset=False
        )
        figures["load_demo_s"] = round(seconds, 1)
        say(f"  {args.structures} structures créées en {seconds:.1f} s.")
    else:
        say(f"{existing} structures de démonstration déjà présentes (base réutilisée).")
    seconds, rows = timed(add_situations)
    figures["situation_rows"] = rows
    figures["add_situations_s"] = round(seconds, 1)
    with connection.cursor() as cursor:
        seconds, _ = timed(cursor.execute, "VACUUM ANALYZE")
        figures["vacuum_analyze_s"] = round(seconds, 1)
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('structures_structure'))")
        figures["structure_table_size"] = cursor.fetchone()[0]
    figures["structures"] = Structure.objects.count()
    say(
        f"  {rows} situations déclarées ({seconds:.1f} s de VACUUM ANALYZE), table "
        f"{figures['structure_table_size']}."
    )
    return figures


def explain(queryset):
    """EXPLAIN ANALYZE of the count of a queryset, as PostgreSQL ran it."""
    from django.db import connection

    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM ({sql}) AS eligible", params
        )
        return "\n".join(row[0] for row in cursor.fetchall())


def load_rows_as_profiles():
    """BASELINE: every structure (and its situations) read into Python, as profile_of() sees
    it."""
    from collections import defaultdict

    from aidess.structures.models import Structure, StructureSituation

    declared = defaultdict(set)
    for structure_id, situation in StructureSituation.objects.values_list(
        "structure_id", "situation"
    ).iterator(chunk_size=20_000):
        declared[structure_id].add(situation)
    rows = (
        Structure.objects.order_by()
        .values_list(
            "pk",
            "legal_form",
            "is_ess",
            "is_esus",
            "is_iae",
            "employees_fte",
            "annual_budget_eur",
            "public_funding_share",
            "sector",
            "commune_id",
            "commune__epci_id",
            "department_id",
            "region_id",
            "creation_date",
            "situations_declared_at",
        )
        .iterator(chunk_size=20_000)
    )
    profiles = []
    for pk, form, ess, esus, iae, fte, budget, share, sector, commune, epci, *rest in rows:
        department, region, creation_date, declared_at = rest
        situations = declared.get(pk)
        profiles.append(
            (
                pk,
                Profile(
                    legal_form=form or None,
                    ess=ess,
                    esus=esus,
                    iae=iae,
                    employees_fte=fte,
                    annual_budget_eur=budget,
                    public_funding_share=share,
                    sector=sector or None,
                    commune_code=commune,
                    epci_code=epci if commune else None,
                    department_code=department,
                    region_code=region,
                    situations=frozenset(situations or ())
                    if declared_at is not None or situations
                    else None,
                    creation_date=creation_date,
                ),
            )
        )
    return profiles


def python_selection(profiles, criteria):
    """BASELINE: the engine run on every structure."""
    evaluate, eligible = engine.evaluate, AidVerdict.ELIGIBLE
    return [
        pk for pk, profile in profiles if evaluate(profile, criteria, TODAY).verdict == eligible
    ]


def page_queries(criteria):
    """What the providers' "eligible structures" page runs (views.eligible_structures_page,
    platform admin): one grouped query for the total and the counts by region, department and
    sector."""
    from aidess.eligibility.targeting import counts_by_place_and_sector, eligible_structures

    return counts_by_place_and_sector(eligible_structures(criteria, TODAY))


MEASURES = {
    "count": "eligible_structures(…).count()",
    "ids": "liste complète des ids (values_list, sans tri)",
    "page": "page « structures éligibles » : une requête groupée (total + 3 regroupements)",
}


def targeting_part(args):
    from aidess.eligibility.targeting import eligible_structures

    say(f"== B. Ciblage sur {args.structures} structures de démonstration (PostgreSQL) ==")
    figures = load_structures(args)
    cases = []
    for name, label, criteria in TARGETS:
        runs = {measure: [] for measure in MEASURES}
        for _ in range(args.repeat + 1):  # the first run warms the caches
            seconds, total = timed(lambda c=criteria: eligible_structures(c, TODAY).count())
            runs["count"].append(seconds)
            seconds, ids = timed(
                lambda c=criteria: list(
                    eligible_structures(c, TODAY).order_by().values_list("pk", flat=True)
                )
            )
            runs["ids"].append(seconds)
            runs["page"].append(timed(page_queries, criteria)[0])
        case = {"name": name, "label": label, "eligible": total, "sql_ids": ids}
        case.update({measure: summary_ms(values[1:]) for measure, values in runs.items()})
        case["plan"] = explain(eligible_structures(criteria, TODAY))
        cases.append(case)
        say(
            f"  {label:62} {total:7d} éligibles   count {case['count']['median_ms']:6.1f} ms   "
            f"ids {case['ids']['median_ms']:6.1f} ms   page {case['page']['median_ms']:6.1f} ms"
        )

    say("Référence : toutes les structures chargées en Python puis moteur sur chacune…")
    gc.collect()
    load_seconds, profiles = timed(load_rows_as_profiles)
    figures["baseline_load_rows_s"] = round(load_seconds, 2)
    say(f"  chargement de {len(profiles)} lignes (+ situations) en profils : {load_seconds:.1f} s")
    met = dict.fromkeys(MEASURES, True)
    for (name, _, criteria), case in zip(TARGETS, cases, strict=True):
        evaluation_seconds, python_ids = timed(python_selection, profiles, criteria)
        baseline = load_seconds + evaluation_seconds
        identical = sorted(python_ids) == sorted(case.pop("sql_ids"))
        case.update(
            baseline_evaluate_s=round(evaluation_seconds, 2),
            baseline_total_s=round(baseline, 2),
            identical_selection=identical,
        )
        for measure in MEASURES:
            seconds = case[measure]["median_ms"] / 1000
            ratio = case[f"ratio_baseline_to_{measure}"] = round(baseline / seconds, 1)
            case[f"goal_met_{measure}"] = (
                identical and seconds <= GOAL_TARGETING_S and ratio >= GOAL_TARGETING_RATIO
            )
            met[measure] &= case[f"goal_met_{measure}"]
        say(
            f"  {name:24} référence {baseline:5.1f} s (dont moteur {evaluation_seconds:4.1f} s)"
            f"   ×{case['ratio_baseline_to_count']:6.1f} count   "
            f"×{case['ratio_baseline_to_ids']:5.1f} ids   ×{case['ratio_baseline_to_page']:5.1f} "
            f"page   {'mêmes structures' if identical else 'SÉLECTIONS DIFFÉRENTES'}"
        )
    del profiles
    figures.update(
        cases=cases,
        measures=MEASURES,
        goal_s=GOAL_TARGETING_S,
        goal_ratio=GOAL_TARGETING_RATIO,
        goal_met=met,
    )
    for measure, label in MEASURES.items():
        say(
            f"  objectifs ≤ {GOAL_TARGETING_S} s et ≥ ×{GOAL_TARGETING_RATIO}, {label} : "
            f"{'atteints dans tous les cas' if met[measure] else 'NON atteints dans un cas au moins'}"
        )
    return figures
