"""Who may see what in search: public documents for everyone, community documents for members.

Apps that own private spaces expose `search_community_ids(user)` as a classmethod on a model; search
finds them through the app registry and never imports them by name.
"""

import functools

from django.apps import apps


@functools.cache
def _providers():
    """The models that expose search_community_ids (found once: the app registry does not change)."""
    return tuple(model for model in apps.get_models() if model.__dict__.get("search_community_ids") is not None)


def viewer_communities(user):
    """Ids of the communities whose content this user may find (empty for visitors)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    ids = set()
    for model in _providers():
        ids.update(model.search_community_ids(user))
    return frozenset(ids)
