from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def action_update_labels() -> dict:
    """The labels of the action update form, translated once per page instead of once per
    action: a list of open actions shows the form on every row."""
    return {
        "change": _("Change"),
        "reopen": _("Open again"),
        "done": _("Mark done"),
        "note_only": _("Progress note only"),
        "note": _("Progress note"),
        "update": _("Update"),
    }
