from .models import SiteSettings
from .panels import collect
from .permissions import STAFF_ROLES, has_role, is_coordinator, roles_of


def portal(request):
    """The collaboration's settings and the visitor's roles, for the layout on every page."""
    user = getattr(request, "user", None)
    if user is None:
        return {"collaboration": SiteSettings.current()}
    roles = roles_of(user)
    return {
        "collaboration": SiteSettings.current(),
        "is_coordinator": is_coordinator(user),
        "is_staff_role": has_role(user, *STAFF_ROLES),
        "nav_links": collect("nav", request),
        "user_nav_links": collect("user_nav", request) if roles else [],
        "footer_panels": collect("footer", request),
    }
