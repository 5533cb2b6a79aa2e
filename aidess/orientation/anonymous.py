"""A request sent without an account: the structure is found by its SIRET, or registered from
the Sirene record (never a public body); an e-mail link confirms the request before it goes."""

from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from aidess.core.tasks import send_email
from aidess.nomenclatures.models import LegalCategory, NafActivity
from aidess.structures.legal_status import category_refusal
from aidess.structures.models import Structure
from aidess.structures.sirene import LookupFailed, lookup_siret
from aidess.territories.models import Commune


@dataclass(frozen=True)
class Found:
    structure: Structure | None  # unsaved when it is not on AidESS yet
    error: str = ""


def structure_for_siret(siret):
    """The structure of `siret`: the registered one, or a new one (unsaved) from Sirene."""
    registered = Structure.objects.select_related("commune").filter(siret=siret).first()
    if registered is not None:
        return Found(registered)
    try:
        record = lookup_siret(siret)
    except LookupFailed as failure:
        return Found(None, failure.message)
    category = LegalCategory.objects.filter(code=record.legal_category_code).first()
    refusal = category_refusal(record.legal_category_code, category.label if category else "")
    if refusal:
        return Found(None, refusal)
    if record.is_ceased:
        return Found(None, "Le répertoire Sirene indique que cette structure a cessé son activité.")
    structure = Structure(
        siret=siret,
        name=record.name or f"Structure {siret}",
        legal_category=category,
        naf_activity=NafActivity.objects.filter(code=record.naf_code).first(),
        commune=Commune.objects.filter(code=record.commune_code).first(),
        is_ess=record.is_ess,
        rna_number=record.rna_number,
        creation_date=record.creation_date,
    )
    structure.sync_derived_fields()
    return Found(structure)


def ask_confirmation(http_request, help_request):
    """The e-mail whose link (`orientation:confirm`) sends the request."""
    link = http_request.build_absolute_uri(
        reverse("orientation:confirm", args=[help_request.confirmation_token])
    )
    context = {"help_request": help_request, "link": link}
    subject = " ".join(render_to_string("orientation/email/confirm_subject.txt", context).split())
    body = render_to_string("orientation/email/confirm.txt", context)
    to = [help_request.contact_email]
    transaction.on_commit(lambda: send_email(subject, body, to))
