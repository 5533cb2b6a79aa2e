import pytest
from django.core import mail


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and what its commit queues; the e-mails sent, by address (one address per
    e-mail: nobody sees the others')."""

    def run(change, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change(*args, **kwargs)
        sent = {}
        for message in mail.outbox:
            assert len(message.to) == 1
            sent.setdefault(message.to[0], []).append(message)
        return sent

    return run
