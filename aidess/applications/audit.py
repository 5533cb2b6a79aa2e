"""The application file, its budget lines, agréments and documents in the history of changes."""

from aidess.applications.models import (
    Agrement,
    Application,
    ApplicationFile,
    ApplicationTerms,
    BudgetLine,
    Document,
    Payment,
)
from aidess.history.registry import track

track(ApplicationFile, structure=lambda file: file.structure_id)
track(BudgetLine, structure=lambda line: line.file.structure_id)
track(Agrement, structure=lambda agrement: agrement.file.structure_id)
# The stored path says nothing to a reader: the name the document was sent with does.
track(Document, structure=lambda document: document.file.structure_id, exclude=["content"])
track(
    Application, structure=lambda application: application.structure_id, exclude=["file_snapshot"]
)
track(Payment, structure=lambda payment: payment.application.structure_id)
track(ApplicationTerms)
