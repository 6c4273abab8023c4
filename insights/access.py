"""Who may see the editors' dashboard: the editorial team, inside the Wagtail admin."""

EDITORIAL_GROUPS = ("Editors", "Reviewers")  # made by learning/migrations/0005_editorial_workflow.py


def can_view_insights(user):
    """Admin access and a place on the editorial team (or superuser): reading habits are editors' business.

    Anyone else with admin access (should a group ever be given it) is refused: the dashboard shows
    what members read and how much each level speaks, which is not every admin user's concern.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.has_perm("wagtailadmin.access_admin") and user.groups.filter(name__in=EDITORIAL_GROUPS).exists()
