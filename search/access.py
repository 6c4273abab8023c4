"""Who may see what in search: public documents for everyone, community documents for members.

Apps that own private spaces expose `search_community_ids(user)` as a classmethod on a model; search
finds them through the app registry and never imports them by name.
"""

from django.apps import apps


def viewer_communities(user):
    """Ids of the communities whose content this user may find (empty for visitors)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    ids = set()
    for model in apps.get_models():
        provider = model.__dict__.get("search_community_ids")
        if provider is not None:
            ids.update(model.search_community_ids(user))
    return frozenset(ids)
