"""Where a structure starts an application: the aid's page and « Mes aides ».

Template tags rather than views: the catalog (`aids`) and `eligibility` sit below
`applications` in the import layers, so their templates load these tags instead of importing.
"""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import urlencode

from aidess.aids.models import Aid
from aidess.applications.enums import ApplicationStatus
from aidess.applications.models import Application
from aidess.applications.submission import takes_applications
from aidess.structures.permissions import member_structures

register = template.Library()


def existing_by_structure(structures, aids):
    """{(structure id, aid id): the latest application} of these structures to these aids."""
    found = {}
    applications = Application.objects.filter(
        structure__in=[s.pk for s in structures], aid__in=[a.pk for a in aids]
    ).order_by("pk")
    for application in applications:
        found[(application.structure_id, application.aid_id)] = application
    return found


@register.inclusion_tag("applications/_apply_box.html", takes_context=True)
def apply_box(context, aid):
    """The aid page's « Déposer une demande » (structure chosen when several), the
    applications already made, or « Connectez-vous… »; nothing for an aid not taking any."""
    request = context["request"]
    user = request.user
    if not takes_applications(aid):
        return {"shown": False}
    if not user.is_authenticated:
        login = resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": request.path})
        return {"shown": True, "login_url": login, "aid": aid}
    structures = list(member_structures(user).order_by("name").distinct())
    existing = existing_by_structure(structures, [aid])
    button = "Déposer une demande"
    if len(structures) == 1 and (structures[0].pk, aid.pk) in existing:
        made = existing[(structures[0].pk, aid.pk)]
        draft = made.status == ApplicationStatus.DRAFT
        button = "Reprendre le brouillon" if draft else "Déposer une nouvelle demande"
    return {
        "button": button,
        "shown": bool(structures),
        "aid": aid,
        "rows": [(structure, existing.get((structure.pk, aid.pk))) for structure in structures],
        "structures": structures,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("applications/_apply_list.html", takes_context=True)
def apply_list(context, structure, *result_lists):
    """In « Mes aides », for a member: the aids of the results that take applications here."""
    user = context["request"].user
    if not member_structures(user).filter(pk=structure.pk).exists():
        return {"rows": []}
    ids = [result.aid.pk for results in result_lists for result in results]
    aids = [
        aid
        for aid in Aid.objects.filter(pk__in=ids, apply_in_aidess=True).order_by("name")
        if takes_applications(aid)
    ]
    existing = existing_by_structure([structure], aids)
    return {
        "structure": structure,
        "rows": [(aid, existing.get((structure.pk, aid.pk))) for aid in aids],
        "csrf_token": context.get("csrf_token"),
    }
