"""GET /api/v1/applications and /api/v1/applications/{id}: a structure's members follow their
applications (state, last change with its reason, messages, decision, payments). Never the
instructors' private notes. The answers are built here, the instruction API adds to them."""

from typing import Annotated

from ninja import Path, Router
from ninja.security import django_auth

from aidess.applications.enums import ApplicationStatus
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.permissions import applications_of_members
from aidess.applications.schemas import ApplicationDetail, ApplicationList
from aidess.core.api import ApiError, errors

router = Router(tags=["Demandes d'aide"])
ApplicationId = Annotated[
    int, Path(ge=1, le=2**63 - 1, description="Identifiant de la demande (champ id).")
]
OVERRIDE_MARK = " Dépassement de l'enveloppe"  # decisions.accept's comment: internal from here


def money(value):
    return None if value is None else f"{value:.2f}"


def transition_as_json(log, public=True):
    comment = log.comment
    if public and log.transition == "accept" and OVERRIDE_MARK in comment:
        comment = comment.split(OVERRIDE_MARK, 1)[0]
    known = APPLICATION_LIFECYCLE.transitions.get(log.transition)
    return {
        "transition": log.transition,
        "label": known.label if known else log.transition,
        "from_status": log.from_state,
        "to_status": log.to_state,
        "at": log.created_at,
        "comment": comment,
    }


def last_transitions(applications):
    """{application id: its last log} in one query."""
    last = {}
    for log in APPLICATION_LIFECYCLE.logs(list(applications)).order_by("created_at", "pk"):
        last[log.object_id] = log
    return last


def summary_as_json(application, last_log, public=True):
    return {
        "id": application.pk,
        "reference": application.reference,
        "aid": {"slug": application.aid.slug, "name": application.aid.name},
        "structure": {"id": application.structure_id, "name": application.structure.name},
        "project_title": application.project_title,
        "status": {"code": application.status, "label": application.get_status_display()},
        "submitted_at": application.submitted_at,
        "amount_requested": money(application.amount_requested_eur),
        "amount_granted": (
            money(application.amount_granted_eur)
            if application.status == ApplicationStatus.ACCEPTED
            else None
        ),
        "last_transition": None if last_log is None else transition_as_json(last_log, public),
    }


def detail_as_json(application, public=True):
    """Everything both sides read; `public=False` keeps the envelope override's reason."""
    history = list(APPLICATION_LIFECYCLE.logs([application]).order_by("created_at", "pk"))
    return {
        **summary_as_json(application, history[-1] if history else None, public),
        "project": {
            "title": application.project_title,
            "objectives": application.project_objectives,
            "budget": money(application.project_budget_eur),
            "start": application.project_start,
            "end": application.project_end,
        },
        "answers": {str(key): str(value) for key, value in (application.answers or {}).items()},
        "decision": {
            "amount_granted": money(application.amount_granted_eur),
            "conditions": application.decision_conditions,
            "decided_at": application.decided_at,
        },
        "payments": [
            {"paid_on": payment.paid_on, "amount": money(payment.amount_eur)}
            for payment in application.payments.all()
        ],
        "messages": [
            {
                "id": message.pk,
                "side": message.side,
                "body": message.body,
                "is_correction_request": message.is_correction_request,
                "attachment_name": (message.attachment_name or None)
                if message.attachment
                else None,
                "created_at": message.created_at,
            }
            for message in application.messages.all()
        ],
        "history": [transition_as_json(log, public) for log in history],
    }


@router.get(
    "/applications",
    auth=django_auth,
    response={200: ApplicationList, **errors(401)},
    summary="Mes demandes d'aide et leur état",
    description="Compte requis : les demandes des structures dont vous êtes membre, brouillons "
    "compris, de la plus récemment déposée à la plus ancienne, avec le dernier changement "
    "d'état et son motif.",
    operation_id="listMyApplications",
    url_name="my_applications",
)
def my_applications(request):
    applications = list(
        applications_of_members(request.user)
        .select_related("aid", "structure")
        .order_by("-submitted_at", "-pk")
    )
    last = last_transitions(applications)
    return {
        "count": len(applications),
        "results": [summary_as_json(app, last.get(app.pk)) for app in applications],
    }


@router.get(
    "/applications/{id}",
    auth=django_auth,
    response={200: ApplicationDetail, **errors(400, 401, 404)},
    summary="Une de mes demandes : état, historique, messages, décision, versements",
    description="Compte requis : membres de la structure qui demande. 404 pour toute autre "
    "demande. Les notes privées des instructeurs n'y figurent jamais.",
    operation_id="getMyApplication",
    url_name="my_application",
)
def my_application(request, id: ApplicationId):
    application = (
        applications_of_members(request.user).select_related("aid", "structure").filter(pk=id)
    ).first()
    if application is None:
        raise ApiError(404, "Demande introuvable.")
    return detail_as_json(application)
