"""The row-by-row report of an imported file, stored in its `ImportBatch`."""

OUTCOMES = {"created": "Créée", "unchanged": "Inchangée", "refused": "Refusée"}


class Report:
    def __init__(self, ignored_headers=()):
        self.rows = []
        self.ignored = list(ignored_headers)

    def add(self, number, siret, outcome, message, record_id=None):
        self.rows.append(
            {"row": number, "siret": siret, "outcome": outcome, "message": message, "id": record_id}
        )

    def count(self, outcome):
        return sum(1 for row in self.rows if row["outcome"] == outcome)


def record(batch, report):
    """Store the report and its counts on the batch."""
    batch.report = report.rows
    if report.ignored:
        batch.report = [
            {
                "row": 1,
                "siret": "",
                "outcome": "ignored",
                "message": "Colonnes non reconnues, ignorées : "
                + ", ".join(f"« {name} »" for name in report.ignored)
                + ".",
                "id": None,
            },
            *report.rows,
        ]
    batch.rows_created = report.count("created")
    batch.rows_unchanged = report.count("unchanged")
    batch.rows_refused = report.count("refused")
    batch.save(update_fields=["report", "rows_created", "rows_unchanged", "rows_refused"])
    return batch
