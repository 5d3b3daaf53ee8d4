"""htmx helpers: a list view returns only its table partial to htmx requests."""

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import render


def is_htmx(request: HttpRequest) -> bool:
    # History restores ask for the whole page, not the partial.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_list(request, page_template: str, partial_template: str, queryset, context: dict):
    """Paginate and render a list page, or only its table for htmx."""
    from django.conf import settings

    paginator = Paginator(queryset, settings.EIGYO_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {**context, "page": page, "querystring": params.urlencode()}
    template = partial_template if is_htmx(request) else page_template
    return render(request, template, context)
