"""Who acts on an application from the provider's side, built on `applications.permissions`.

An instructor reaches an application only through `applications_instructed_by` (its providers'
aids, its territory): anything else is a 404, never a 403, so its existence does not leak.
"""

from django.shortcuts import get_object_or_404

from aidess.accounts.models import User
from aidess.applications.models import Label
from aidess.applications.permissions import (
    applications_instructed_by,
    instructing_organizations,
)


def application_for(user, pk, queryset=None):
    """The application `pk` if `user` instructs it, else 404."""
    visible = applications_instructed_by(user)
    if queryset is not None:
        visible = queryset.filter(pk__in=visible.values("pk"))
    return get_object_or_404(visible, pk=pk)


def is_instructing(user):
    """Does the user instruct for at least one provider (the inbox's entry)?"""
    return user.is_authenticated and instructing_organizations(user).exists()


def provider_organizations(application, user=None):
    """The aid's active provider organisations; with `user`, only those it belongs to."""
    organizations = application.aid.providers.filter(is_active=True)
    if user is not None:
        organizations = organizations.filter(pk__in=instructing_organizations(user).values("pk"))
    return organizations


def assignable_users(application):
    """Who an application may be assigned to: the active members of the aid's active providers."""
    return (
        User.objects.filter(
            organization_memberships__is_active=True,
            organization_memberships__organization__in=provider_organizations(application),
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def colleagues(user):
    """The active members of the user's providers (the inbox's filter and batch assignment)."""
    return (
        User.objects.filter(
            organization_memberships__is_active=True,
            organization_memberships__organization__in=instructing_organizations(user),
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def labels_of(user):
    """The labels of the user's providers."""
    return Label.objects.filter(organization__in=instructing_organizations(user)).select_related(
        "organization"
    )


def labels_for(application, user):
    """Labels the user may put on `application`: those of its providers that are the user's."""
    return Label.objects.filter(organization__in=provider_organizations(application, user))
