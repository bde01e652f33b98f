"""Editions belong to the coordinators; subscribers manage themselves through signed links."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.permissions import is_coordinator

from .models import Edition


def can_manage_editions(user) -> bool:
    return is_coordinator(user)


def get_edition_for_user(user, pk: int, action: str = "view") -> Edition:
    """The edition for a coordinator (or administrator); 403 for everyone else."""
    if not can_manage_editions(user):
        raise PermissionDenied
    return get_object_or_404(Edition, pk=pk)
