"""Where documents are kept: `settings.PRIVATE_FILES_ROOT` (var/private by default), a folder no
static or media URL serves. They are read only through views that check who asks, answering with
`private_download`; `url()` refuses, so no template can link to the file directly."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return settings.PRIVATE_FILES_ROOT  # read each time: tests point it to a temporary folder

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Les documents privés ne sont servis que par la vue qui vérifie l'accès.")


PRIVATE_STORAGE = PrivateStorage()


def private_storage():
    """Callable for FileField(storage=…): migrations name it instead of a folder."""
    return PRIVATE_STORAGE


def private_download(field, name, content_type=None):
    """A stored file as an attachment that no shared cache keeps (the caller checked access)."""
    response = FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
