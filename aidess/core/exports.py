"""Spreadsheet-safe exports: a cell a person typed is never run as a formula (CSV injection).

Spreadsheet software reads a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula (`=HYPERLINK(…)` in a structure's name would become a link). As OWASP advises, such text is
written with a leading apostrophe: shown as typed, never evaluated. Numbers are left as they are.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralized(value):
    """`value` as a cell: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose rows are neutralized cell by cell: every CSV export writes through it."""

    def __init__(self, stream, **options):
        self.writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self.writer.writerow([neutralized(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
