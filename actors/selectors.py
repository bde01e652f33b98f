from .models import Goal, GovernanceBody, Membership, Organisation, Principle


def organisation_list_public(*, kind: str | None = None):
    queryset = Organisation.objects.active()
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def charter_items():
    """Everything the charter page shows, one query per part."""
    return {
        "principles": list(Principle.objects.all()),
        "goals": list(Goal.objects.all()),
        "bodies": list(GovernanceBody.objects.select_related("organisation")),
    }


def memberships_of_organisation(organisation: Organisation):
    return Membership.objects.filter(organisation=organisation).select_related("user")


def memberships_of_user(user):
    return Membership.objects.filter(user=user, organisation__active=True).select_related(
        "organisation"
    )
