"""How alerts and indicators reach the watch cells other than by a cell's form (issue 15):
partners' spreadsheets of alerts (`spreadsheets`), partners' periodic indicators (`indicators`),
the API (`api_alerts`), the BODACC's collective procedures (`bodacc`) and a structure's own
report after a critical self-diagnosis (`self_report`). `tables` reads the files, `common`
holds what they share (values read from a cell, the structure from its SIRET, the cell)."""
