"""Security headers Django does not send by itself, and the client address for throttling."""

import ipaddress

from django.conf import settings


def build_permissions_policy(policy):
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Adds Permissions-Policy (settings.PERMISSIONS_POLICY) to every response.

    The header is built once: the policy is static, and this runs on every request,
    static files included.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = build_permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def client_ip(request):
    """The address django-axes counts failed logins against.

    Without proxies REMOTE_ADDR is the client. Behind TRUSTED_PROXY_COUNT reverse proxies,
    each appends the address it received from to X-Forwarded-For, so the client is the
    entry that many places from the right; entries further left come from the client
    itself and could be forged to dodge the lockout.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                # axes stores it in a GenericIPAddressField: junk must not reach the database.
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")
