"""What the navigation bar needs to know about the signed-in user."""

from plans.models import Satker, SatkerRole


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    oversees = (
        user.is_staff
        or SatkerRole.objects.filter(
            user=user,
            role__in=[SatkerRole.Role.SEKRETARIS, SatkerRole.Role.PIMPINAN],
            satker__level=Satker.Level.PROVINSI,
        ).exists()
    )
    return {"nav_province": oversees}
