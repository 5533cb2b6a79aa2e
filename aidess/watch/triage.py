"""What a cell does with an alert (issue 15): file it, qualify, orient it to support
organisations (a HelpRequest of issue 14), resolve, escalate to the national cell, answer with
national resources; follow a structure and stop following it; comment.

Every state change goes through `ALERT_LIFECYCLE` (checked, logged); refusals are
`TransitionRefused` (who or when) or `ValidationError` (what was typed), in French."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from aidess.lifecycles.machine import TransitionRefused
from aidess.organizations.enums import OrganizationKind, ScopeLevel
from aidess.organizations.models import Organization
from aidess.orientation.models import HelpRequest, Recipient
from aidess.orientation.routing import refresh_status
from aidess.watch.cells import regional_cell_of
from aidess.watch.enums import AlertSource, EscalationReason, NationalResource, Resolution
from aidess.watch.lifecycle import ALERT_LIFECYCLE
from aidess.watch.models import Alert, Comment, Follow
from aidess.watch.permissions import cells_of, is_national_agent

NOT_A_MEMBER = "Vous n'êtes pas membre de cette cellule de veille."
OUTSIDE_ZONE = "Cette structure est hors du territoire de la cellule."


def _require_member(cell, user):
    if not cells_of(user).filter(pk=cell.pk).exists():
        raise TransitionRefused(NOT_A_MEMBER, 403)


def owning_cell(cell, structure):
    """The cell an alert filed by `cell` belongs to: the filing cell when it is regional (its
    region must be the structure's); for the national cell, the regional cell of the
    structure's region if there is one, else the national cell itself."""
    scope = cell.territorial_scope()
    region_code = structure.region_id
    if not scope.covers(region_code, structure.department_id):
        raise TransitionRefused(OUTSIDE_ZONE, 403)
    if cell.scope_level != ScopeLevel.NATIONAL or region_code is None:
        return cell
    return regional_cell_of(structure) or cell


@transaction.atomic
def file_alert(cell, structure, user, **fields):
    """A new alert about `structure`, filed by a member of `cell` (form, import, API)."""
    _require_member(cell, user)
    fields.setdefault("source", AlertSource.CELL)
    alert = Alert(structure=structure, cell=owning_cell(cell, structure), created_by=user, **fields)
    alert.full_clean(exclude=["structure", "cell", "created_by"])
    alert.save()
    return alert


def qualify(alert, user, comment=""):
    return ALERT_LIFECYCLE.apply(alert, "qualify", user, comment)


def support_organizations_covering(structure):
    """Active support organisations whose territory covers the structure (orientation choices)."""
    organizations = Organization.objects.filter(
        kind=OrganizationKind.SUPPORT, is_active=True
    ).prefetch_related("regions", "departments")
    return [
        organization
        for organization in organizations
        if organization.territorial_scope().covers(structure.region_id, structure.department_id)
    ]


@transaction.atomic
def orient(alert, user, organizations, note=""):
    """Send the structure to support organisations as a confirmed HelpRequest (issue 14),
    linked to the alert; the alert goes « en traitement »."""
    ALERT_LIFECYCLE.check(alert, "orient", user)
    organizations = list(organizations)
    if not organizations:
        raise ValidationError({"organizations": "Choisissez au moins une organisation."})
    allowed = {organization.pk for organization in support_organizations_covering(alert.structure)}
    if any(organization.pk not in allowed for organization in organizations):
        raise ValidationError(
            {
                "organizations": "Seules les organisations d'accompagnement qui couvrent le "
                "territoire de la structure peuvent être choisies."
            }
        )
    situation = note.strip() or alert.description or alert.get_cause_display()
    help_request = HelpRequest.objects.create(
        structure=alert.structure,
        situation=situation[:3000],
        contact_name=user.get_full_name(),
        contact_email=user.email,
        created_by=user,
        confirmed_at=timezone.now(),
    )
    for organization in organizations:
        Recipient.objects.create(
            request=help_request, organization=organization, reason=f"Orientée par {alert.cell}"
        )
    refresh_status(help_request)
    alert.help_requests.add(help_request)
    ALERT_LIFECYCLE.apply(alert, "orient", user, note)
    return help_request


@transaction.atomic
def resolve(alert, user, resolution, comment):
    if resolution not in Resolution.values:
        raise ValidationError({"resolution": "Choisissez l'issue du signalement."})
    ALERT_LIFECYCLE.apply(alert, "resolve", user, comment)
    alert.resolution = resolution
    alert.save(update_fields=["resolution", "updated_at"])
    return alert


@transaction.atomic
def escalate(alert, user, reason, comment):
    if reason not in EscalationReason.values:
        raise ValidationError({"reason": "Choisissez le motif de la remontée."})
    ALERT_LIFECYCLE.apply(alert, "escalate", user, comment)
    alert.escalation_reason = reason
    alert.save(update_fields=["escalation_reason", "updated_at"])
    return alert


@transaction.atomic
def answer(alert, user, resources, comment):
    """The national cell answers an escalated alert with national resources."""
    if not is_national_agent(user):
        raise TransitionRefused("Seule la cellule nationale répond à une remontée.", 403)
    resources = list(dict.fromkeys(resources))
    if not resources or any(resource not in NationalResource.values for resource in resources):
        raise ValidationError({"resources": "Choisissez au moins un moyen national."})
    ALERT_LIFECYCLE.apply(alert, "answer", user, comment)
    alert.national_resources = resources
    alert.save(update_fields=["national_resources", "updated_at"])
    return alert


def _require_zone(cell, structure):
    if not cell.territorial_scope().covers(structure.region_id, structure.department_id):
        raise TransitionRefused(OUTSIDE_ZONE, 403)


@transaction.atomic
def follow(cell, structure, user, reason):
    _require_member(cell, user)
    _require_zone(cell, structure)
    if not reason.strip():
        raise ValidationError({"reason": "Dites pourquoi la cellule suit cette structure."})
    if Follow.objects.filter(cell=cell, structure=structure, ended_at__isnull=True).exists():
        raise TransitionRefused("La cellule suit déjà cette structure.")
    return Follow.objects.create(
        cell=cell, structure=structure, started_by=user, reason=reason.strip()
    )


@transaction.atomic
def unfollow(follow, user, end_reason, actions_taken):
    """Stop following: why, and what was done, both required (as Signaux Faibles asks)."""
    _require_member(follow.cell, user)
    if follow.ended_at is not None:
        raise TransitionRefused("Ce suivi est déjà arrêté.")
    errors = {}
    if not end_reason.strip():
        errors["end_reason"] = "Dites pourquoi le suivi s'arrête."
    if not actions_taken.strip():
        errors["actions_taken"] = "Dites quelles actions ont été menées."
    if errors:
        raise ValidationError(errors)
    follow.ended_at, follow.ended_by = timezone.now(), user
    follow.end_reason, follow.actions_taken = end_reason.strip(), actions_taken.strip()
    follow.save(update_fields=["ended_at", "ended_by", "end_reason", "actions_taken"])
    return follow


def add_comment(cell, structure, user, text, alert=None):
    _require_member(cell, user)
    _require_zone(cell, structure)
    if not text.strip():
        raise ValidationError({"text": "Écrivez un commentaire."})
    if len(text) > 5000:
        raise ValidationError({"text": "Un commentaire fait au plus 5 000 caractères."})
    return Comment.objects.create(
        cell=cell, structure=structure, alert=alert, author=user, text=text.strip()
    )
