"""The structure's application file (`file`), and the applications it feeds (`application`)."""

from aidess.applications.models.application import (
    AidQuestion,
    Application,
    ApplicationTerms,
    Label,
    Message,
    Note,
    Payment,
    SubmittedDocument,
)
from aidess.applications.models.file import (
    Agrement,
    ApplicationFile,
    BudgetLine,
    Document,
    default_validity,
    document_path,
)

__all__ = [
    "AidQuestion",
    "Agrement",
    "Application",
    "ApplicationFile",
    "ApplicationTerms",
    "BudgetLine",
    "Document",
    "Label",
    "Message",
    "Note",
    "Payment",
    "SubmittedDocument",
    "default_validity",
    "document_path",
]
