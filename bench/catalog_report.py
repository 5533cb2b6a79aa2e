"""Figures and query plans of one database's run of the catalog search benchmark."""

import statistics
from collections import Counter

from bench.catalog_search import filters_for

GIN_INDEX = "aids_aid_search_vector_gin"


def explain(sql, params, analyze=False):
    from django.db import connection

    if connection.vendor == "postgresql":
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN "
    else:
        prefix = "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def summary(values):
    values = sorted(values)
    return {
        "median": round(statistics.median(values), 3),
        "p95": round(statistics.quantiles(values, n=20, method="inclusive")[18], 3),
        "mean": round(statistics.fmean(values), 3),
        "max": round(values[-1], 3),
    }


def page_statement(sample):
    """(sql, params) of the statement that reads the page of results."""
    return sample["statements"][list(sample["raw_parts_ms"]).index("page")]


def report(samples, vendor):
    orm = summary([s["orm_ms"] for s in samples])
    compiling = summary([s["compiling_ms"] for s in samples])
    raw = summary([s["raw_ms"] for s in samples])
    parts = {}
    for name in ["page", "count"]:
        values = [s["raw_parts_ms"][name] for s in samples if name in s["raw_parts_ms"]]
        parts[name] = summary(values) if len(values) > 1 else None
    slowest = sorted(samples, key=lambda s: s["orm_ms"], reverse=True)[:3]
    result = {
        "queries": len(samples),
        "orm_ms": orm,
        "raw_ms": raw,
        "ratio_median": round(orm["median"] / raw["median"], 3),
        "ratio_p95": round(orm["p95"] / raw["p95"], 3),
        "compiling_ms": compiling,
        "compiling_ratio_median": round(compiling["median"] / raw["median"], 3),
        "raw_parts_ms": parts,
        "results_avg": round(statistics.fmean(s["results"] for s in samples), 1),
        "results_median": statistics.median(s["results"] for s in samples),
        "orm_statements_avg": round(statistics.fmean(s["orm_statements"] for s in samples), 2),
        "raw_statements_avg": round(statistics.fmean(s["raw_statements"] for s in samples), 2),
        "mismatches": sum(not s["matches"] for s in samples),
        "per_query": [
            {
                **s["spec"],
                "results": s["results"],
                "orm_ms": round(s["orm_ms"], 2),
                "compiling_ms": round(s["compiling_ms"], 2),
                "raw_ms": round(s["raw_ms"], 2),
            }
            for s in samples
        ],
        "slowest": [
            {
                "spec": s["spec"],
                "orm_ms": round(s["orm_ms"], 3),
                "raw_parts_ms": {name: round(ms, 3) for name, ms in s["raw_parts_ms"].items()},
                "results": s["results"],
                "plans": [explain(*page_statement(s), analyze=True)],
            }
            for s in slowest
        ],
        "example": {
            "spec": samples[0]["spec"],
            "page_sql": page_statement(samples[0])[0],
            "page_plan": explain(*page_statement(samples[0])),
        },
    }
    if vendor == "postgresql":
        from aidess.aids.text import search_terms

        uses_gin = [GIN_INDEX in explain(*page_statement(s)) for s in samples]
        result["page_plans_using_gin"] = sum(uses_gin)
        pairs = zip(samples, uses_gin, strict=True)
        without = Counter(" ".join(search_terms(s["spec"]["q"])) for s, gin in pairs if not gin)
        result["stems_without_gin"] = dict(without.most_common(10))
    return result


def gin_check(today, text="ressourcerie", commune="75056"):
    """EXPLAIN of the page query for a selective word: does it go through the GIN index?"""
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from aidess.aids.fulltext import PG_CONFIG
    from aidess.aids.models import Aid
    from aidess.aids.search import prepared_statement, search_aids

    search = search_aids(filters_for({"q": text, "commune": commune}), today)
    page = prepared_statement(search.shape, ("page", 1), connection.vendor)
    plan = explain(page.sql, page.params(search.values))
    check = {"query": {"q": text, "commune": commune}, "results": search.count(), "plan": plan}
    if connection.vendor == "postgresql":
        check["uses_gin"] = GIN_INDEX in plan
        check["aids_matching_text"] = Aid.objects.filter(
            search_vector=SearchQuery(text, config=PG_CONFIG, search_type="plain")
        ).count()
    return check


def database_info():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version(), current_setting('jit'), current_setting('work_mem')")
            version, jit, work_mem = cursor.fetchone()
            return {"version": version.split(" on ")[0], "jit": jit, "work_mem": work_mem}
        cursor.execute("SELECT sqlite_version()")
        return {"version": f"SQLite {cursor.fetchone()[0]}"}
