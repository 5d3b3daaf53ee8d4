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


def render_list(
    request, page_template: str, partial_template: str, queryset, context: dict, shown=None
):
    """Paginate and render a list page, or only its table for htmx; `shown`, if given,
    is told the rows of the page sent (read once, the template reuses them)."""
    from django.conf import settings

    paginator = Paginator(queryset, settings.EIGYO_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    if shown is not None:
        page.object_list = list(page.object_list)
        shown(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    context = {**context, "page": page, "querystring": params.urlencode()}
    template = partial_template if is_htmx(request) else page_template
    return render(request, template, context)
