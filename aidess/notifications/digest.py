"""The instructors' daily digest: once a day, one e-mail per instructor listing the files with
news since the previous digest (new applications to their aids, answered correction requests,
applicants' messages, files assigned to them by someone else), nothing when nothing is new.

`send_digests(today)` is run by the daily job (`tasks.send_digests_daily`); it may run again the
same day without sending twice (`NotificationPreference.last_digest_on`), and each digest's
window starts where the previous one ended, so nothing falls between two days.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from aidess.applications.enums import MessageAuthor
from aidess.applications.models import Application, Message
from aidess.applications.permissions import applications_instructed_by
from aidess.core.tasks import send_email
from aidess.history.models import AuditEntry
from aidess.lifecycles.models import TransitionLog
from aidess.notifications.links import absolute, application_path, unsubscribe_url
from aidess.notifications.models import NotificationPreference
from aidess.organizations.enums import OrganizationKind

FIRST_WINDOW = timedelta(days=1)  # an instructor's first digest looks back one day


@dataclass
class FileNews:
    application: Application
    news: list = field(default_factory=list)

    @property
    def link(self):
        return absolute(application_path(self.application))


def plural(count, one, many):
    return one if count == 1 else many.format(count=count)


def instructors():
    """Active members of active providers whose aids have applications, digest not turned off."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            organization_memberships__is_active=True,
            organization_memberships__organization__is_active=True,
            organization_memberships__organization__kind=OrganizationKind.PROVIDER,
            organization_memberships__organization__aids__applications__isnull=False,
        )
        .exclude(notification_preference__daily_digest=False)
        .distinct()
        .order_by("pk")
    )
    return users


def news_for(user, since, until):
    """The files `user` instructs with news between `since` and `until`, by reference."""
    scope = applications_instructed_by(user)
    window = {"created_at__gt": since, "created_at__lte": until}
    files = defaultdict(list)
    for pk in scope.filter(submitted_at__gt=since, submitted_at__lte=until).values_list(
        "pk", flat=True
    ):
        files[pk].append("nouvelle demande déposée")
    answered = TransitionLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        transition="answer_correction",
        object_id__in=scope.values("pk"),
        **window,
    )
    for pk in answered.values_list("object_id", flat=True).distinct():
        files[pk].append("correction apportée par le demandeur")
    messages = (
        Message.objects.filter(
            application__in=scope.values("pk"), side=MessageAuthor.APPLICANT, **window
        )
        .values_list("application_id", flat=True)
        .order_by()
    )
    counts = defaultdict(int)
    for pk in messages:
        counts[pk] += 1
    for pk, count in counts.items():
        files[pk].append(plural(count, "1 nouveau message", "{count} nouveaux messages"))
    # Assignments are read from the history of changes (the application is tracked): a file
    # assigned to the user by someone else in the window, still assigned to them.
    assigned = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        action=AuditEntry.Action.UPDATE,
        object_id__in=scope.filter(assigned_to=user).values("pk"),
        timestamp__gt=since,
        timestamp__lte=until,
        changes__has_key="assigned_to",
    ).exclude(actor=user)
    for pk in assigned.values_list("object_id", flat=True).distinct():
        files[pk].append("dossier qui vous est confié")
    applications = Application.objects.filter(pk__in=files).select_related("aid", "structure")
    return [
        FileNews(application, files[application.pk])
        for application in sorted(applications, key=lambda a: (a.reference or "", a.pk))
    ]


def send_digest(user, today, now=None):
    """Send `user`'s digest for `today` if it has news and was not sent today: True if sent."""
    now = now or timezone.now()
    preference = NotificationPreference.of(user)
    if not preference.daily_digest or preference.last_digest_on == today:
        return False
    since = preference.last_digest_at or now - FIRST_WINDOW
    files = news_for(user, since, now)
    if files:
        context = {
            "user": user,
            "files": files,
            "since": since,
            "count": len(files),
            "preferences_url": absolute(reverse("notifications:preferences")),
            "unsubscribe_url": unsubscribe_url(user),
        }
        subject = " ".join(render_to_string("notifications/digest_subject.txt", context).split())
        body = render_to_string("notifications/digest_email.txt", context)
        send_email(subject, body, [user.email])
    preference.last_digest_at, preference.last_digest_on = now, today
    preference.save(update_fields=["last_digest_at", "last_digest_on"])
    return bool(files)


def send_digests(today):
    """Every instructor's digest for `today`; how many were sent."""
    return sum(send_digest(user, today) for user in instructors())
