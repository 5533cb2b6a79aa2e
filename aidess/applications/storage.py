"""Where documents are kept: `settings.PRIVATE_FILES_ROOT` (var/private by default), a folder no
static or media URL serves. They are read only through `applications.views.document_download`,
which checks who asks; `url()` refuses, so no template can link to the file directly."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
