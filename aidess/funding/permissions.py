"""Who reaches the provider's pages about money: the members of an aid's provider organisations
set its terms (`aids.permissions.can_change_aid`); the application's instructors decide and pay
(`applications.permissions.is_instructor`). Outside reach, a 404; readable but not theirs, a 403."""

from aidess.aids.permissions import aids_editable_by, aids_visible_to, can_change_aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.applications.permissions import (
    applications_instructed_by,
    applications_visible_to,
    instructing_organizations,
    is_instructor,
)
from aidess.core.permissions import get_for_change

TERMS_ONLY = "Seuls les membres des organisations qui financent cette aide fixent ses modalités."
DECIDE_ONLY = "Seuls les instructeurs de cette demande la décident et enregistrent ses versements."
PROVIDERS_ONLY = "Cette page est réservée aux financeurs qui instruisent des demandes."


def aid_for_terms(user, slug):
    """The aid whose terms are asked: 404 if the user may not see it, 403 if not its provider."""
    return get_for_change(aids_visible_to(user), can_change_aid, user, TERMS_ONLY, slug=slug)


def application_for_decision(user, pk):
    """The application to decide or pay: 404 outside reach, 403 for its other readers."""
    visible = applications_visible_to(user).select_related("aid", "structure")
    return get_for_change(visible, is_instructor, user, DECIDE_ONLY, pk=pk)


def may_see_funding(user):
    return user.is_authenticated and (
        user.is_platform_admin or instructing_organizations(user).exists()
    )


def funded_aids(user):
    """The aids of the user's provider organisations (every aid for an administrator)."""
    return aids_editable_by(user)


def counted_applications(user):
    """The applications the provider's page counts: those the user instructs (its territory);
    every sent one for an administrator."""
    if user.is_platform_admin:
        return Application.objects.exclude(status=ApplicationStatus.DRAFT)
    return applications_instructed_by(user)
