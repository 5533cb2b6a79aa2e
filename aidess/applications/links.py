"""How an applicant's link to its structure was confirmed, as an instructor reads it. The one
function other apps call: `describe_link(user, structure)`."""

from aidess.applications.enums import DocumentKind
from aidess.applications.models import ApplicationFile, Document
from aidess.structures.enums import Confirmation
from aidess.structures.members import confirmation_text
from aidess.structures.models import StructureMembership

NOT_A_MEMBER = "Ne fait pas (ou plus) partie de la structure"
# Confirmed by a third party: stronger than the file naming the person, which the person wrote.
BY_A_THIRD_PARTY = {Confirmation.ADMIN_APPROVAL, Confirmation.SUPPORT_ORGANISATION}


def describe_link(user, structure):
    """« Rattachement confirmé par Marie Dupont, qui administre la structure, le 12/11/2026 »,
    « Nommé(e) dans la liste des dirigeants du dossier », « Confirmé par DLA de la Creuse le … »,
    « Premier membre de la structure : rattachement non confirmé par un tiers »."""
    membership = (
        StructureMembership.objects.filter(user=user, structure=structure, is_active=True)
        .select_related("confirmed_by", "confirming_organization")
        .first()
    )
    if membership is None:
        return NOT_A_MEMBER
    if membership.confirmation not in BY_A_THIRD_PARTY and named_in_officers_list(user, structure):
        membership.confirmation = Confirmation.OFFICERS_LIST
    return confirmation_text(membership)


def named_in_officers_list(user, structure):
    """The file's legal representative is this person (name or e-mail) and the file holds a
    « Liste des dirigeants »."""
    file = ApplicationFile.objects.filter(structure=structure).first()
    if file is None:
        return False
    name = words(user.get_full_name())
    same_name = bool(name) and words(file.representative_name) == name
    same_email = bool(file.representative_email) and (
        file.representative_email.casefold() == user.email.casefold()
    )
    return (same_name or same_email) and Document.objects.filter(
        file=file, kind=DocumentKind.OFFICERS
    ).exists()


def words(name):
    """« DUPONT  Marie » and « Marie Dupont » are one name."""
    return sorted(name.casefold().replace("-", " ").split())
