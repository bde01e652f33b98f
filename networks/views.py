from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actors.choices import PortalRole
from actors.formerrors import saved
from actors.pagecache import varies_on_query
from actors.permissions import is_coordinator, role_required

from . import selectors, services
from .forms import ContactForm, NetworkForm, ParticipantForm
from .models import ContactPerson, Network, Participant
from .permissions import get_contact_for_user, get_network_for_user, get_participant_for_user

coordinator_required = role_required(PortalRole.COORDINATOR)


# Public pages -------------------------------------------------------------------------------


@varies_on_query("district")
def network_list(request):
    districts = selectors.districts()
    chosen = next((d for d in districts if d.slug == request.GET.get("district")), None)
    return render(
        request,
        "networks/network_list.html",
        {
            "networks": selectors.network_list(district=chosen),
            # One district needs no filter: its networks are all there is.
            "districts": districts if len(districts) > 1 else [],
            "chosen": chosen,
            "can_edit": is_coordinator(request.user),
        },
    )


def network_detail(request, pk):
    get_network_for_user(request.user, pk)
    return render(
        request,
        "networks/network_detail.html",
        {"network": selectors.network_detail(pk), "can_edit": is_coordinator(request.user)},
    )


# Coordinators' pages ------------------------------------------------------------------------


@coordinator_required
def network_manage(request):
    return render(
        request, "networks/network_manage.html", {"networks": selectors.network_manage_list()}
    )


def _network_form(request, network: Network):
    form = NetworkForm(request.POST or None, instance=network)
    result = saved(
        request,
        form,
        lambda f: services.network_save(
            network=f.save(commit=False),
            organisations=f.cleaned_data["organisations"],
            actor=request.user,
        ),
        _("The network was saved."),
    )
    if result:
        return redirect("networks:network_edit", result.pk)
    context = {"form": form, "network": None}
    if network.pk:
        context["network"] = selectors.network_for_editing(network.pk)
    return render(request, "networks/network_form.html", context)


@coordinator_required
def network_create(request):
    return _network_form(request, Network())


@coordinator_required
def network_edit(request, pk):
    return _network_form(request, get_network_for_user(request.user, pk, "edit"))


def _part_form(request, form_class, instance, save, message: str, title: str):
    """The page of one participant or contact person of a network: saved, back to the network."""
    form = form_class(request.POST or None, instance=instance)
    if saved(request, form, lambda f: save(f.save(commit=False)), message):
        return redirect("networks:network_edit", instance.network_id)
    context = {"form": form, "network": instance.network, "title": title}
    return render(request, "networks/part_form.html", context)


def _participant_form(request, participant: Participant):
    return _part_form(
        request,
        ParticipantForm,
        participant,
        lambda p: services.participant_save(participant=p, actor=request.user),
        _("The participant was saved."),
        _("Participant"),
    )


def _contact_form(request, contact: ContactPerson):
    return _part_form(
        request,
        ContactForm,
        contact,
        lambda c: services.contact_save(contact=c, actor=request.user),
        _("The contact person was saved."),
        _("Contact person"),
    )


@coordinator_required
def participant_create(request, pk):
    network = get_network_for_user(request.user, pk, "edit")
    return _participant_form(request, Participant(network=network))


@coordinator_required
def participant_edit(request, pk):
    return _participant_form(request, get_participant_for_user(request.user, pk))


@require_POST
@coordinator_required
def participant_delete(request, pk):
    participant = get_participant_for_user(request.user, pk)
    services.participant_delete(participant=participant, actor=request.user)
    messages.success(request, _("The participant was removed."))
    return redirect("networks:network_edit", participant.network_id)


@coordinator_required
def contact_create(request, pk):
    network = get_network_for_user(request.user, pk, "edit")
    return _contact_form(request, ContactPerson(network=network))


@coordinator_required
def contact_edit(request, pk):
    return _contact_form(request, get_contact_for_user(request.user, pk))


@require_POST
@coordinator_required
def contact_delete(request, pk):
    contact = get_contact_for_user(request.user, pk)
    services.contact_delete(contact=contact, actor=request.user)
    messages.success(request, _("The contact person was removed."))
    return redirect("networks:network_edit", contact.network_id)
