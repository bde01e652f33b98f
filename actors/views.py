from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import etag, require_POST

from . import selectors, services, setup
from .choices import OrganisationKind, PortalRole
from .formerrors import add_service_error
from .forms import (
    BODIES,
    GOALS,
    PRINCIPLES,
    MembershipAddForm,
    MissionForm,
    OrganisationAdminForm,
    OrganisationForm,
    SiteSettingsForm,
)
from .images import image_response
from .models import Membership, Organisation, SiteSettings
from .pagecache import varies_on_query
from .permissions import (
    ADMINISTRATOR,
    get_organisation_for_user,
    is_coordinator,
    role_required,
)

coordinator_required = role_required(PortalRole.COORDINATOR)
administrator_required = role_required(ADMINISTRATOR)
# A look's address holds its version, so a browser may keep what it fetched from it for good.
FOR_GOOD = "public, max-age=31536000, immutable"


@varies_on_query("kind")
def organisation_list(request):
    kind = request.GET.get("kind")
    if kind not in OrganisationKind.values:
        kind = None
    return render(
        request,
        "actors/organisation_list.html",
        {
            "organisations": selectors.organisation_list_public(kind=kind),
            "kinds": OrganisationKind.choices,
            "kind": kind,
        },
    )


def organisation_logo(request, slug):
    organisation = get_organisation_for_user(request.user, slug)
    return image_response(organisation.logo, "image/png", public=True)


def _organisation_form(request, organisation):
    """The bound form for an organisation, and whether it was valid and saved."""
    form_class = OrganisationAdminForm if is_coordinator(request.user) else OrganisationForm
    form = form_class(
        request.POST or None, request.FILES or None, instance=organisation, uploader=request.user
    )
    if request.method != "POST" or not form.is_valid():
        return form, False
    services.organisation_save(
        organisation=form.save(commit=False),
        logo=form.cleaned_data.get("logo"),
        remove_logo=form.cleaned_data.get("remove_logo", False),
        actor=request.user,
    )
    messages.success(request, _("The organisation was saved."))
    return form, True


@login_required
def organisation_edit(request, slug):
    organisation = get_organisation_for_user(request.user, slug, "edit")
    form, saved = _organisation_form(request, organisation)
    if saved:
        return redirect(form.instance)
    context = {"form": form, "organisation": organisation}
    return render(request, "actors/organisation_form.html", context)


@coordinator_required
def organisation_create(request):
    form, saved = _organisation_form(request, Organisation())
    if saved:
        return redirect(form.instance)
    return render(request, "actors/organisation_form.html", {"form": form, "organisation": None})


@coordinator_required
def organisation_members(request, slug):
    organisation = get_organisation_for_user(request.user, slug, "manage")
    form = MembershipAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.membership_add(
            organisation=organisation,
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
            actor=request.user,
        )
        messages.success(
            request,
            _("%(email)s now acts for %(organisation)s.")
            % {"email": form.cleaned_data["email"], "organisation": organisation.name},
        )
        return redirect("actors:organisation_members", slug=organisation.slug)
    return render(
        request,
        "actors/organisation_members.html",
        {
            "organisation": organisation,
            "memberships": selectors.memberships_of_organisation(organisation),
            "form": form,
        },
    )


@require_POST
@coordinator_required
def membership_remove(request, slug, pk):
    organisation = get_organisation_for_user(request.user, slug, "manage")
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    services.membership_remove(membership=membership, actor=request.user)
    messages.success(
        request,
        _("%(email)s no longer acts for %(organisation)s.")
        % {"email": membership.user.email, "organisation": organisation.name},
    )
    return redirect("actors:organisation_members", slug=organisation.slug)


def charter(request):
    return render(request, "actors/charter.html", selectors.charter_items())


@coordinator_required
def charter_edit(request):
    site = SiteSettings.current()
    data = request.POST or None
    mission = MissionForm(data, instance=site)
    formsets = [
        formset_class(data, prefix=prefix) for formset_class, prefix in (PRINCIPLES, GOALS, BODIES)
    ]
    if request.method == "POST" and mission.is_valid() and all(f.is_valid() for f in formsets):
        services.charter_save(
            site=mission.save(commit=False), formsets=formsets, actor=request.user
        )
        messages.success(request, _("The charter was saved."))
        return redirect("actors:charter")
    principles, goals, bodies = formsets
    return render(
        request,
        "actors/charter_form.html",
        {"mission": mission, "principles": principles, "goals": goals, "bodies": bodies},
    )


@coordinator_required
def site_settings_edit(request):
    form = SiteSettingsForm(request.POST or None, instance=SiteSettings.current())
    if request.method == "POST" and form.is_valid():
        services.site_settings_save(site=form.save(commit=False), actor=request.user)
        messages.success(request, _("The settings were saved."))
        return redirect("actors:site_settings")
    return render(request, "actors/site_settings_form.html", {"form": form})


def _look_version(request, version):
    return SiteSettings.current().look_version


@etag(_look_version)
def look_stylesheet(request, version):
    """The collaboration's colours as CSS custom properties (`actors.look`), linked by every page
    after portal.css."""
    site = SiteSettings.current()
    properties = "".join(f"{name}:{value};" for name, value in site.look.properties().items())
    response = HttpResponse(f":root{{{properties}}}\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = FOR_GOOD if version == site.look_version else "no-cache"
    return response


def look_logo(request, version):
    site = SiteSettings.current()
    response = image_response(site.logo, "image/png", public=True)
    if version == site.look_version:
        response["Cache-Control"] = FOR_GOOD
    return response


def _setup_page(request, bound=None):
    bound = bound or {}
    sections = [
        (
            section,
            bound.get(section.key)
            or section.form(None, None, user=request.user, prefix=section.key),
        )
        for section in setup.sections()
    ]
    return render(request, "actors/setup.html", {"sections": sections})


@administrator_required
def setup_page(request):
    return _setup_page(request)


@require_POST
@administrator_required
def setup_section_save(request, key):
    try:
        section = setup.section(key)
    except LookupError as error:
        raise Http404 from error
    form = section.form(request.POST, request.FILES, user=request.user, prefix=key)
    if not form.is_valid():
        return _setup_page(request, {key: form})
    try:
        section.save(form, actor=request.user)
    except ValidationError as error:  # a rule only the service knows, e.g. two equal addresses
        add_service_error(getattr(form, "forms", [form])[0], error)
        return _setup_page(request, {key: form})
    messages.success(request, _("%(section)s: saved.") % {"section": section.title})
    return redirect(f"{reverse('actors:setup')}#{key}")


@coordinator_required
def districts_edit(request):
    """The districts the collaboration covers: add one, rename one, put them in order (the same
    form as the set-up page's section)."""
    section = setup.section("districts")
    formset = section.form(request.POST or None, None, user=request.user, prefix=None)
    if request.method == "POST" and formset.is_valid():
        try:
            section.save(formset, actor=request.user)
        except ValidationError as error:
            add_service_error(formset.forms[0], error)
        else:
            messages.success(request, _("The districts were saved."))
            return redirect("actors:districts_edit")
    return render(
        request,
        "actors/districts_form.html",
        {"formset": formset, "translation_languages": formset.translation_languages},
    )
