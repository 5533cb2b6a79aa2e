"""The instructors' API: the inbox (same filters as the page, through `filters.select`) with
cursor pagination, one application with its private notes, and the state changes, acceptance and
payments. Called with an organisation's token (its aids, its territory; the actions are recorded in
the name of the token's creator, origin API) or an instructor's session. Another provider's
application, or one outside the territory, is a 404."""

from django.db import transaction
from django.db.models import Prefetch, Sum
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.responses import Status
from ninja.security import django_auth

from aidess.applications.api import (
    ApplicationId,
    detail_as_json,
    last_transitions,
    money,
    summary_as_json,
)
from aidess.applications.decisions import (
    DecisionRefused,
    accept,
    decide_without_grant,
    record_payment,
)
from aidess.applications.enums import MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Label, Message
from aidess.applications.permissions import (
    applications_instructed_by,
    applications_instructed_for,
    instructing_organizations,
)
from aidess.core.api import ApiError, body_at_most, errors
from aidess.core.versioning import StaleEdit
from aidess.instruction import cursor as cursors
from aidess.instruction.filters import select, tab_counts
from aidess.instruction.schemas import (
    DecisionIn,
    Inbox,
    InboxQuery,
    InstructionDetail,
    PaymentIn,
    PaymentRecorded,
    TransitionIn,
)
from aidess.organizations.enums import OrganizationKind
from aidess.organizations.models import ApiToken
from aidess.organizations.tokens import organization_token

router = Router(tags=["Instruction"])
AUTH = [organization_token, django_auth]
MAX_BODY_BYTES = 16 * 1024
WHO = (
    "Jeton d'organisation (en-tête Authorization: Bearer …) ou compte requis : instructeurs "
    "d'un financeur. Seules les demandes aux aides de l'organisation, dans son territoire ; "
    "404 pour toute autre."
)
STALE = "La demande vient d'être modifiée par quelqu'un d'autre : relisez-la puis réessayez."


def instructed(request):
    """The applications the caller instructs, or 403 for a caller who instructs none."""
    if isinstance(request.auth, ApiToken):
        organization = request.auth.organization
        if organization.kind != OrganizationKind.PROVIDER:
            raise ApiError(
                403, "Ce jeton est celui d'une organisation qui n'instruit pas de demandes d'aide."
            )
        return applications_instructed_for(organization)
    if not instructing_organizations(request.user).exists():
        raise ApiError(403, "Réservé aux instructeurs d'un financeur.")
    return applications_instructed_by(request.user)


def instructed_one(request, pk):
    application = (
        instructed(request).select_related("aid", "structure", "assigned_to").filter(pk=pk).first()
    )
    if application is None:
        raise ApiError(404, "Demande introuvable.")
    return application


def summary(application, last_log):
    structure = application.structure
    assigned = application.assigned_to
    return {
        **summary_as_json(application, last_log, public=False),
        "structure": {
            "id": structure.pk,
            "name": structure.name,
            "siret": structure.siret,
            "department": structure.department_id,
        },
        "assigned_to": None if assigned is None else {"id": assigned.pk, "name": str(assigned)},
        "labels": [label.name for label in application.labels.all()],
        "applicant_link": application.applicant_link,
    }


def detail(request, application):
    application.refresh_from_db()
    notes = application.notes.select_related("author")
    shared = detail_as_json(application, public=False)
    return {
        **shared,
        **summary(application, None),
        "last_transition": shared["last_transition"],
        "notes": [
            {
                "author": str(note.author) if note.author else "",
                "body": note.body,
                "created_at": note.created_at,
            }
            for note in notes
        ],
        "available_transitions": [
            t.name for t in APPLICATION_LIFECYCLE.available(application, request.user)
        ],
        "envelope_override_reason": application.envelope_override_reason,
    }


@router.get(
    "/instruction/applications",
    auth=AUTH,
    response={200: Inbox, **errors(400, 401, 403)},
    summary="Boîte des instructeurs : demandes filtrées, par pages (curseur)",
    description=f"{WHO} Mêmes onglets et filtres que la page /instruction/. De la plus "
    "récemment déposée à la plus ancienne ; pour la page suivante, renvoyez la même requête "
    "avec cursor=next_cursor (ou suivez next) : une demande déposée entre-temps n'y fait ni "
    "doublon ni trou.",
    operation_id="listInstructedApplications",
    url_name="instruction_applications",
)
def inbox(request, query: Query[InboxQuery]):
    applications = instructed(request)
    position = None
    if query.cursor:
        try:
            position = cursors.decode(query.cursor)
        except cursors.BadCursor:
            raise ApiError(
                400,
                "Paramètres invalides.",
                {"cursor": "Curseur invalide : reprenez depuis la première page, sans cursor."},
            ) from None
    filters = query.filters()
    chosen = select(applications, filters).select_related("aid", "structure", "assigned_to")
    chosen = chosen.prefetch_related(Prefetch("labels", queryset=Label.objects.order_by("name")))
    rows, next_cursor = cursors.page(chosen, position, query.limit)
    last = last_transitions(rows)
    following = None
    if next_cursor:
        parameters = request.GET.copy()
        parameters["cursor"] = next_cursor
        following = request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")
    return {
        "results": [summary(row, last.get(row.pk)) for row in rows],
        "counts": tab_counts(applications, filters),
        "limit": query.limit,
        "next_cursor": next_cursor,
        "next": following,
    }


@router.get(
    "/instruction/applications/{id}",
    auth=AUTH,
    response={200: InstructionDetail, **errors(400, 401, 403, 404)},
    summary="Une demande instruite, avec les notes privées",
    description=WHO,
    operation_id="getInstructedApplication",
    url_name="instruction_application",
)
def instructed_application(request, id: ApplicationId):
    return detail(request, instructed_one(request, id))


def request_correction(application, user, reason):
    """The transition and the message the applicant answers, together.
    TODO(lead): the inbox's page does the same; keep one function when both are merged."""
    with transaction.atomic():
        APPLICATION_LIFECYCLE.apply(application, "request_correction", user, reason)
        Message.objects.create(
            application=application,
            author=user,
            side=MessageAuthor.INSTRUCTOR,
            body=reason.strip(),
            is_correction_request=True,
        )


def acting(run):
    """A state change: refusals of the lifecycle and of decisions are ApiErrors already; a
    concurrent save is a 409, the field a refusal is about is named in `details`."""
    try:
        return run()
    except StaleEdit:
        raise ApiError(409, STALE) from None
    except DecisionRefused as refused:
        details = {refused.field: refused.message} if refused.field else None
        raise ApiError(refused.status, refused.message, details) from None


@router.post(
    "/instruction/applications/{id}/transitions",
    auth=AUTH,
    response={200: InstructionDetail, **errors(400, 401, 403, 404, 409, 413)},
    summary="Changer l'état d'une demande (instruire, demander une correction, refuser…)",
    description=f"{WHO} Un motif (comment) est obligatoire pour request_correction, refuse, "
    "close et reopen : le demandeur le lit, il est enregistré avec l'auteur. 409 si l'état ne "
    "le permet pas (le message dit l'état). Pour accepter : POST …/decision.",
    operation_id="transitionInstructedApplication",
    url_name="instruction_transition",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def transition(request, id: ApplicationId, body: TransitionIn):
    application = instructed_one(request, id)
    name, comment = body.transition, body.comment

    def run():
        if name in ("refuse", "close"):
            decide_without_grant(application, request.user, name, comment)
        elif name == "request_correction":
            request_correction(application, request.user, comment)
        else:
            APPLICATION_LIFECYCLE.apply(application, name, request.user, comment)

    acting(run)
    return detail(request, application)


@router.post(
    "/instruction/applications/{id}/decision",
    auth=AUTH,
    response={200: InstructionDetail, **errors(400, 401, 403, 404, 409, 413)},
    summary="Accepter une demande avec le montant accordé",
    description=f"{WHO} La demande doit être en instruction. Au-delà de l'enveloppe de l'aide, "
    "409 sauf avec un motif de dépassement (override_reason), enregistré.",
    operation_id="acceptInstructedApplication",
    url_name="instruction_decision",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def decision(request, id: ApplicationId, body: DecisionIn):
    application = instructed_one(request, id)
    acting(
        lambda: accept(
            application, request.user, body.amount, body.conditions, body.override_reason
        )
    )
    return detail(request, application)


@router.post(
    "/instruction/applications/{id}/payments",
    auth=AUTH,
    response={201: PaymentRecorded, **errors(400, 401, 403, 404, 409, 413)},
    summary="Enregistrer un versement d'une demande acceptée",
    description=f"{WHO} Jamais au-delà du montant accordé (400) ; 409 si la demande n'est pas "
    "acceptée.",
    operation_id="recordPayment",
    url_name="instruction_payment",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def payment(request, id: ApplicationId, body: PaymentIn):
    application = instructed_one(request, id)
    paid = acting(lambda: record_payment(application, request.user, body.amount, body.paid_on))
    total = application.payments.aggregate(total=Sum("amount_eur"))["total"]
    return Status(
        201,
        {
            "paid_on": paid.paid_on,
            "amount": money(paid.amount_eur),
            "total_paid": money(total),
            "amount_granted": money(application.amount_granted_eur),
        },
    )
