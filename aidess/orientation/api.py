"""POST /api/v1/orientation/preview (no account): who a request for help would go to, and why."""

from django.utils import timezone
from ninja import Body, Router
from ninja.decorators import decorate_view

from aidess.core.api import body_at_most, errors
from aidess.orientation.routing import route
from aidess.orientation.schemas import Preview, PreviewProfile

router = Router(tags=["Orientation"])
MAX_BODY_BYTES = 64 * 1024


def preview_body(routes):
    return {
        "recipients": [
            {
                "organization": item.organization.name,
                "scheme": item.scheme,
                "territory": {"kind": item.territory_kind, "code": item.territory_code},
                "selected": item.selected,
                "reason": item.reason,
            }
            for item in routes
        ]
    }


@router.post(
    "/orientation/preview",
    response={200: Preview, **errors(400, 413)},
    summary="À qui irait une demande d'accompagnement, et pourquoi",
    description="Sans compte, rien n'est enregistré. Les organismes dont une offre convient "
    "(besoins, zone, conditions d'éligibilité du dispositif), dans l'ordre où ils seraient "
    "contactés ; `selected` marque ceux à qui la demande part par défaut.",
    operation_id="previewOrientation",
    url_name="orientation_preview",
)
@decorate_view(body_at_most(MAX_BODY_BYTES))
def preview(request, profile: Body[PreviewProfile] = None):
    profile = profile or PreviewProfile()
    routes = route(profile.to_engine(), profile.needs or (), timezone.localdate())
    return preview_body(routes)
