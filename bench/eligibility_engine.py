"""Part A of the eligibility benchmark (`python -m bench eligibility --part engine`): one profile
against the whole synthetic catalog, engine only (pure Python, no database), against the
baseline copy of the original engine, with the equivalence guard."""

import gc
import random
import time

from aidess.eligibility import engine
from aidess.eligibility.engine import Profile
from aidess.eligibility.evaluator import Catalog, other_than_territory
from bench.eligibility_common import GOAL_PROFILE_MS, TODAY, load_average, say, summary_ms
from bench.eligibility_data import Places, draw_catalog, fuzz_criteria, random_profile
from bench.eligibility_original import ORIGINAL_evaluate


def check_equivalence(rng, places, catalog, profiles):
    """Optimised engine == original engine: `evaluate` alone and a Catalog of all the aids (what
    the service does), on the catalog and on fuzzed criteria and profiles. Returns the number of
    differences (0 expected)."""
    fuzzed = [fuzz_criteria(rng, places) for _ in range(3000)]
    extra = [random_profile(rng, places) for _ in range(40)]
    extra += [Profile(), Profile(esus=None, legal_form="cooperative"), Profile(esus=True)]
    differences = 0
    checked = 0
    compiled = {id(catalog): Catalog(catalog), id(fuzzed): Catalog(fuzzed)}
    for profile in profiles[:40] + extra:
        for criteria_list in (catalog, fuzzed):
            evaluations = compiled[id(criteria_list)].evaluate(profile, TODAY)
            for criteria, shared in zip(criteria_list, evaluations, strict=True):
                expected = ORIGINAL_evaluate(profile, criteria, TODAY)
                alone = engine.evaluate(profile, criteria, TODAY)
                checked += 1
                if shared != expected or alone != expected:
                    differences += 1
                    if differences <= 3:
                        say(f"  DIFFÉRENCE\n    {profile}\n    {criteria}")
                        say(f"    attendu {expected}\n    obtenu  {shared}\n    seul    {alone}")
    return checked, differences


def engine_part(args):
    say(f"== A. Un profil face à {args.aids} aides (moteur seul, sans base) ==")
    places = Places()
    rng = random.Random(args.seed)
    catalog, profiles = draw_catalog(rng, places, args.aids, args.profiles)
    distinct = len(set(catalog))
    distinct_other = len({other_than_territory(criteria) for criteria in catalog})
    say(
        f"Catalogue : {len(catalog)} aides, {distinct} critères distincts, {distinct_other} "
        f"distincts hors territoire ; {len(profiles)} profils."
    )

    started = time.perf_counter()
    checked, differences = check_equivalence(rng, places, catalog, profiles)
    say(
        f"Garde d'équivalence : {checked} évaluations comparées au moteur d'origine, "
        f"{differences} différence(s) ({time.perf_counter() - started:.1f} s)."
    )

    # The Catalog is prepared once per list of aids (service.evaluate_aids: once per request,
    # timed here on its own), then evaluated for each profile.
    compile_seconds = []
    for _ in range(5):
        gc.collect()
        started = time.perf_counter()
        compiled = Catalog(catalog)
        compile_seconds.append(time.perf_counter() - started)

    def optimised(profile):  # what service.evaluate_aids does, without the Aid objects
        return compiled.evaluate(profile, TODAY)

    def single(profile):  # engine.evaluate called aid by aid
        return [engine.evaluate(profile, criteria, TODAY) for criteria in catalog]

    def original(profile):  # BASELINE: the engine before the performance work
        return [ORIGINAL_evaluate(profile, criteria, TODAY) for criteria in catalog]

    runs = {"optimised": optimised, "evaluate_alone": single, "original": original}
    samples = {name: [] for name in runs}
    for profile in profiles[:5]:  # warm-up
        for run in runs.values():
            run(profile)
    load_before = load_average()
    cpu = {name: [] for name in runs}
    for profile in profiles:  # interleaved, so that machine noise hits every variant alike
        for name, run in runs.items():
            gc.collect()
            cpu_started, started = time.process_time(), time.perf_counter()
            run(profile)
            samples[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)
    figures = {name: summary_ms(values) for name, values in samples.items()}
    cpu_figures = {name: summary_ms(values) for name, values in cpu.items()}
    ratio = figures["original"]["median_ms"] / figures["optimised"]["median_ms"]
    say("  par profil (horloge murale ; entre parenthèses, temps CPU du processus) :")
    for name, label in [
        ("optimised", "Catalog.evaluate (service)"),
        ("evaluate_alone", "evaluate() aide par aide"),
        ("original", "moteur d'origine (référence)"),
    ]:
        figure, cpu_figure = figures[name], cpu_figures[name]
        say(
            f"  {label:30} médiane {figure['median_ms']:7.2f} ms ({cpu_figure['median_ms']:6.2f})"
            f"   p95 {figure['p95_ms']:7.2f} ms ({cpu_figure['p95_ms']:6.2f})"
        )
    compile_figure = summary_ms(compile_seconds)
    say(
        f"  préparation du Catalog ({len(catalog)} aides, une fois par requête) : médiane "
        f"{compile_figure['median_ms']:.2f} ms"
    )
    met = figures["optimised"]["median_ms"] <= GOAL_PROFILE_MS and differences == 0
    met_cpu = cpu_figures["optimised"]["median_ms"] <= GOAL_PROFILE_MS and differences == 0
    say(
        f"  rapport référence / optimisé (médianes) : ×{ratio:.1f} ; objectif ≤ "
        f"{GOAL_PROFILE_MS} ms par profil (médiane) : {'atteint' if met else 'NON atteint'} en "
        f"horloge murale, {'atteint' if met_cpu else 'NON atteint'} en temps CPU ; charge de "
        f"la machine {load_average()}"
    )
    return {
        "aids": len(catalog),
        "profiles": len(profiles),
        "distinct_criteria": distinct,
        "distinct_criteria_other_than_territory": distinct_other,
        "per_profile": figures,
        "catalog_preparation": compile_figure,
        "per_profile_cpu_time": cpu_figures,
        "ratio_original_to_optimised_median": round(ratio, 2),
        "ratio_original_to_optimised_p95": round(
            figures["original"]["p95_ms"] / figures["optimised"]["p95_ms"], 2
        ),
        "equivalence": {"evaluations_compared": checked, "differences": differences},
        "goal_ms": GOAL_PROFILE_MS,
        "goal_met": met,
        "goal_met_in_cpu_time": met_cpu,
        "load_average_before_timing": load_before,
    }, (catalog, profiles)
