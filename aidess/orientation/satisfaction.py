"""The structure's answer to the satisfaction question (`relaunch.ask_satisfaction`): a score
from 1 to 5 given in one click from the e-mail, then, if it wishes, whether it was helped and a
comment. Reached by the request's `satisfaction_token`, without an account; answering again
replaces the answer (the history of changes keeps the previous ones)."""

from aidess.orientation.models import HelpRequest

SCORES = range(1, 6)
BAD_SCORE = "La note doit être un nombre entier de 1 à 5 : suivez l'un des liens de l'e-mail."
NOT_CLOSED = (
    "Cette demande n'est pas encore clôturée : vous pourrez donner votre avis quand elle le sera."
)


class Refused(Exception):
    """Why an answer is refused, in French, with the page's status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


def answerable(token):
    """The closed request of `token` (None if no request has it)."""
    help_request = (
        HelpRequest.objects.select_related("structure").filter(satisfaction_token=token).first()
    )
    if help_request is not None and help_request.closed_at is None:
        raise Refused(NOT_CLOSED, 409)
    return help_request


def parse_score(raw):
    try:
        score = int(raw)
    except (TypeError, ValueError):
        raise Refused(BAD_SCORE) from None
    if score not in SCORES:
        raise Refused(BAD_SCORE)
    return score


def record(help_request, **answer):
    """Store what changed of the answer (nothing when it is the same: a link followed twice)."""
    changed = [name for name, value in answer.items() if getattr(help_request, name) != value]
    for name in changed:
        setattr(help_request, name, answer[name])
    if changed:
        help_request.save(update_fields=[*changed, "updated_at"])
    return bool(changed)
