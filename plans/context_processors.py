"""What the navigation bar needs to know about the signed-in user."""

from plans.access import oversight


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    provinces, nation = oversight(user)
    return {"nav_province": provinces, "nav_nation": nation}
