"""Throttling of the API per client address, at the rate in settings.VITRINE_API_THROTTLE.

The rate is read at each request (not once at import, as DRF's own classes do), so an operator or
a test can change it; an empty rate turns throttling off.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class APIRateThrottle(AnonRateThrottle):
    scope = "api"

    def get_rate(self) -> str | None:
        return getattr(settings, "VITRINE_API_THROTTLE", "") or None

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
