"""An aid's lifecycle: a funder drafts and submits, the platform administrators publish or refuse
(with a reason the funder reads), a refused aid goes back to draft for correction; published aids
close by date or are archived. Every change of status goes through `AID_LIFECYCLE` and is logged.

Publishing applies to submitted aids, and to drafts and closed aids for the administrators (their
own aids and imports need no self-submission; reopening a closed aid is theirs). A funder's edit of
a public aid sends it back to moderation (`after_edit`): it leaves the catalog until validated.
"""

from django.db.models import Count

from aidess.aids.enums import AidStatus
from aidess.aids.models import Aid
from aidess.aids.permissions import PUBLIC_STATUSES, can_change_aid
from aidess.lifecycles.machine import Lifecycle, Transition

DRAFT, SUBMITTED, PUBLISHED = AidStatus.DRAFT, AidStatus.SUBMITTED, AidStatus.PUBLISHED
REFUSED, CLOSED, ARCHIVED = AidStatus.REFUSED, AidStatus.CLOSED, AidStatus.ARCHIVED
PAST_CLOSING_DATE = "date de clôture dépassée"
EDITED_WHEN_PUBLIC = "modifiée par le financeur après publication : nouvelle modération"


def is_moderator(user, aid=None):
    return user is not None and user.is_authenticated and user.is_platform_admin


def is_editor(user, aid):
    return user is not None and can_change_aid(user, aid)


def is_editor_or_platform(user, aid):
    return user is None or can_change_aid(user, aid)


AID_LIFECYCLE = Lifecycle(
    AidStatus,
    [
        Transition("submit", "Soumettre à modération", {DRAFT, REFUSED}, SUBMITTED, is_editor),
        Transition("publish", "Publier", {SUBMITTED, DRAFT, CLOSED}, PUBLISHED, is_moderator),
        Transition(
            "refuse", "Refuser", {SUBMITTED}, REFUSED, is_moderator, comment="Motif du refus"
        ),
        Transition(
            "to_draft", "Repasser en brouillon", {SUBMITTED, REFUSED, ARCHIVED}, DRAFT, is_editor
        ),
        Transition("close", "Clôturer", {PUBLISHED}, CLOSED, is_editor_or_platform),
        Transition("archive", "Archiver", {DRAFT, REFUSED, PUBLISHED, CLOSED}, ARCHIVED, is_editor),
        Transition(
            "resubmit",
            "Modification après publication",
            set(PUBLIC_STATUSES),
            SUBMITTED,
            is_editor,
            offered=False,
        ),
    ],
)


def can_publish_aid(user, aid):
    return "publish" in {t.name for t in AID_LIFECYCLE.available(aid, user)}


def needs_new_moderation(user, aid):
    """A funder's edit of a public aid is moderated again; an administrator's is not."""
    return aid.status in PUBLIC_STATUSES and not is_moderator(user)


def after_edit(aid, user):
    """Called once an edit is saved: back to moderation when `needs_new_moderation`."""
    if needs_new_moderation(user, aid):
        AID_LIFECYCLE.apply(aid, "resubmit", user, comment=EDITED_WHEN_PUBLIC)


def close_past_aids(today):
    """Published aids whose closing date has passed become "closed", each transition logged
    (no actor). Run daily (command `close_past_aids`); returns how many were closed."""
    closed = 0
    for aid in Aid.objects.filter(status=PUBLISHED, closing_date__lt=today).only("pk", "status"):
        AID_LIFECYCLE.apply(aid, "close", None, comment=PAST_CLOSING_DATE)
        closed += 1
    return closed


def aids_to_moderate():
    """Submitted aids, each with its `submission` (the log: who, when), the oldest first."""
    aids = list(Aid.objects.filter(status=SUBMITTED).prefetch_related("providers"))
    submissions = AID_LIFECYCLE.last_into(aids, SUBMITTED)
    for aid in aids:
        aid.submission = submissions.get(aid.pk)
    return sorted(
        aids, key=lambda aid: aid.submission.created_at if aid.submission else aid.updated_at
    )


def status_counts(aids):
    """[(status label, count)] of `aids`, in the lifecycle's order, statuses with none left out."""
    counts = dict(aids.order_by().values_list("status").annotate(n=Count("pk", distinct=True)))
    return [(status.label, counts[status]) for status in AidStatus if counts.get(status)]


def refusal_reasons(aids):
    """{aid pk: the log of its last refusal} for the refused ones among `aids`."""
    return AID_LIFECYCLE.last_into([aid for aid in aids if aid.status == REFUSED], REFUSED)
