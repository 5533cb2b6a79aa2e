import io

from django.core.management import call_command


def load_shared_data():
    """Reference data, seed schemes and the 274 imported aids (idempotent: re-run after a flush)."""
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("load_catalog", stdout=io.StringIO())
