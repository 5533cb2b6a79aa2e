"""What the import commands share: reading the file and writing the report."""

from pathlib import Path

from django.core.management.base import CommandError

from aidess.reviews.imports import ImportFileError


def run_import(command, path, importer, **kwargs):
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Lecture impossible de {path} : {error}") from None
    try:
        report = importer(text, **kwargs)
    except ImportFileError as error:
        raise CommandError(f"Fichier refusé, rien n'a été importé : {error}.") from None
    command.stdout.write(
        f"{report.created} créé(s), {report.updated} mis à jour, {report.unchanged} inchangé(s), "
        f"{len(report.rejected)} rejeté(s)."
    )
    for line, reason in report.rejected:
        command.stdout.write(command.style.WARNING(f"Ligne {line} rejetée : {reason}."))
    return report
