"""`{% can "publish_aid" aid as may_publish %}`: templates ask the apps' permission modules
instead of repeating their rules (`user.is_staff`, roles). Add a rule here to use it in a page."""

from django import template

from aidess.aids.moderation import can_publish_aid, is_moderator
from aidess.aids.permissions import can_create_aid
from aidess.applications.permissions import can_view_file
from aidess.funding.permissions import may_see_funding
from aidess.notifications.permissions import can_manage_webhooks
from aidess.orientation.permissions import is_advisor
from aidess.watch.permissions import is_watch_agent

RULES = {
    "create_aid": can_create_aid,
    "publish_aid": can_publish_aid,
    "moderate_aids": is_moderator,
    "view_application_file": can_view_file,
    "manage_webhooks": can_manage_webhooks,
    "see_funding": may_see_funding,
    "handle_help_requests": is_advisor,
    "watch": is_watch_agent,
}

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, rule, *objects):
    """Whether the signed-in user may: `rule` is a key of RULES, `objects` its arguments."""
    return RULES[rule](context["request"].user, *objects)
