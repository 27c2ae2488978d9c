"""`GET /healthz`: JSON, 200 when healthy, 503 otherwise (see dari.ops.health)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dari.ops.health import check_health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """`?scope=web` leaves the workers out (for a load balancer deciding about this server)."""
    health = check_health(require_worker=request.GET.get("scope") != "web")
    return JsonResponse(health.as_dict(), status=200 if health.healthy else 503)
