"""The one way accounts send e-mail (the task queue, when wired, takes over here)."""

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_account_mail(to, template, context):
    """Render `accounts/<template>_subject.txt` and `_email.txt` with `context` and send them."""
    subject = " ".join(render_to_string(f"accounts/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/{template}_email.txt", context)
    send_mail(subject, body, None, [to])
