from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from api.views import api
from cih.health import healthz, healthz_full

# The admin's own login form checks the password alone, with no rate limit and no second factor:
# send it to the site's login, which has both, and let only staff in once logged in.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("healthz/full", healthz_full, name="healthz_full"),
    # One address in every language: the open data is the same whatever the client speaks.
    path("api/v1/", api.urls),
    # Browsers ask for it on whatever names no icon of its own: a PDF, a JSON answer, an image.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=True),
        name="favicon",
    ),
]

# Includes under a prefix of their own come first: a request for one of them (the newsletter
# sign-up above all) is then not tried against every pattern of the apps mounted at the root.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("newsletter/", include("newsletter.urls")),
    path("", include("actors.urls")),
    path("", include("portal.urls")),
    path("", include("networks.urls")),
    path("", include("focusgroups.urls")),
    path("", include("prioritization.urls")),
    path("", include("workshops.urls")),
    path("", include("initiatives.urls")),
    path("", include("funding.urls")),
    path("", include("reports.urls")),
    path("", include("notifications.urls")),
    path("", include("privacy.urls")),
    prefix_default_language=False,
)

handler400 = "actors.errors.bad_request"
handler500 = "actors.errors.server_error"
