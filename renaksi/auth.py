"""Login lockout after repeated failures (django-axes)."""

from axes.backends import AxesStandaloneBackend


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
