"""Loading networks into a collaboration's demo.

A collaboration's demo (Helsingborg's) describes its networks as plain data and calls `load`.
Rows are keyed on natural keys (a network's Swedish name, a participant's name, a contact
person's e-mail address), so loading twice changes nothing and records no second event; every
row is saved through the services, so the demo's event stream tells it.
"""

from collections.abc import Iterable, Mapping

from actors.demo import through_service
from actors.models import District, Organisation
from actors.translations import translate

from . import services
from .models import ContactPerson, Network, Participant


def _translations(network: Network, values: dict, translated: Mapping) -> dict:
    """The network's translations once `values` are set, with `translated` ({language: {name:
    text}}) made from its new Swedish texts; other languages it has are kept."""
    probe = Network(translations=network.translations)
    probe.name_sv = values["name_sv"]
    probe.description_sv = values["description_sv"]
    for language, texts in translated.items():
        translate(probe, language, **texts)
    return probe.translations


def load(networks: Iterable[Mapping], *, actor=None) -> list[Network]:
    """Create or update the given networks, in order, and return them.

    Each network is a mapping with
      "name_sv" (its key), "description_sv" (what it coordinates);
      optionally "district" (a District's slug; absent or None: the whole collaboration),
      "translations" ({language: {"name": ..., "description": ...}}), "active" (True),
      "organisations" (slugs of the portal's organisations taking part),
      "participants" ([(name, ParticipantKind)] without a page in the portal),
      "contacts" ([{"name", "email", and optionally "role", "phone", "organisation" (a slug),
      "language" ("sv"), "consents_to_publication" (False)}]).
    Participants and contact persons not listed are left as they are.
    """
    specs = list(networks)
    districts = {d.slug: d for d in District.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    loaded = []
    for position, spec in enumerate(specs):
        network = Network.objects.filter(name_sv=spec["name_sv"]).first() or Network()
        values = {
            "name_sv": spec["name_sv"],
            "description_sv": spec.get("description_sv", ""),
            "district": districts[spec["district"]] if spec.get("district") else None,
            "active": spec.get("active", True),
            "position": position,
        }
        values["translations"] = _translations(network, values, spec.get("translations", {}))
        taking_part = [organisations[slug] for slug in spec.get("organisations", [])]
        unchanged = (
            network.pk is not None
            and all(getattr(network, name) == value for name, value in values.items())
            and set(network.organisations.all()) == set(taking_part)
        )
        if not unchanged:
            for name, value in values.items():
                setattr(network, name, value)
            services.network_save(network=network, organisations=taking_part, actor=actor)
        for place, (name, kind) in enumerate(spec.get("participants", [])):
            participant = Participant.objects.filter(network=network, name=name).first()
            through_service(
                participant or Participant(network=network, name=name),
                {"kind": kind, "position": place},
                lambda p: services.participant_save(participant=p, actor=actor),
            )
        for place, contact in enumerate(spec.get("contacts", [])):
            email = contact["email"].lower()
            person = ContactPerson.objects.filter(network=network, email=email).first()
            organisation = contact.get("organisation")
            through_service(
                person or ContactPerson(network=network, email=email),
                {
                    "name": contact["name"],
                    "role": contact.get("role", ""),
                    "phone": contact.get("phone", ""),
                    "organisation": organisations[organisation] if organisation else None,
                    "language": contact.get("language", "sv"),
                    "consents_to_publication": contact.get("consents_to_publication", False),
                    "position": place,
                },
                lambda c: services.contact_save(contact=c, actor=actor),
            )
        loaded.append(network)
    return loaded
