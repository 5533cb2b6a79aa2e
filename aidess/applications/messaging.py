"""Messages between the applicant and the instructors, with an attachment kept in private
storage (typed by content beforehand: `uploads.check_upload`)."""

from django.db import transaction
from django.utils import timezone

from aidess.applications.enums import MessageAuthor
from aidess.applications.lifecycle import APPLICATION_LIFECYCLE
from aidess.applications.models import Message


def add_message(application, user, side, body, upload=None, detected=None, correction=False):
    message = Message(
        application=application,
        author=user,
        side=side,
        body=body.strip(),
        is_correction_request=correction,
    )
    if upload is not None and detected is not None:
        message.attachment_name = upload.name[:255]
        message.attachment_type = detected.content_type
        name = f"message-{timezone.now():%Y%m%d%H%M%S}.{detected.extension}"
        message.attachment.save(name, upload, save=False)
    message.save()
    return message


@transaction.atomic
def answer_correction(application, user, answer, upload=None, detected=None):
    """The applicant's answer: the transition back to instruction with the answer as its
    comment, and the same answer in the messages with the new document if one is sent."""
    log = APPLICATION_LIFECYCLE.apply(application, "answer_correction", user, answer)
    add_message(application, user, MessageAuthor.APPLICANT, answer, upload, detected)
    return log
