"""What the navigation bar needs to know about the signed-in user."""

from plans.access import overseen_provinces


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_province": overseen_provinces(user).exists()}
