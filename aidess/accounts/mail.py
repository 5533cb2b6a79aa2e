"""The one way accounts send e-mail: rendered here, sent by the task queue."""

from django.template.loader import render_to_string

from aidess.core.tasks import send_email


def send_account_mail(to, template, context):
    """Render `accounts/<template>_subject.txt` and `_email.txt` with `context` and queue them
    (`core.tasks.send_email`): a slow mail server never holds up the sign-up page."""
    subject = " ".join(render_to_string(f"accounts/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/{template}_email.txt", context)
    send_email(subject, body, [to])
