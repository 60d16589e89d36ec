"""Login lockout after repeated failures (django-axes), counted per real client address."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for logins that come through a request (the login page).

    Authentication without a request - the test client, management commands - has no
    address to count failures against, so it is left to the next backend instead of
    raising.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The address of the person behind the request.

    Behind ``PROXY_COUNT`` trusted proxies, each of which appends the address it received
    the request from to ``X-Forwarded-For``, the client is the ``PROXY_COUNT``-th entry from
    the right; anything further left was written by the client and is not trusted. Without
    proxies (or with a shorter header than promised) it is the socket's own address.
    """
    count = settings.PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
