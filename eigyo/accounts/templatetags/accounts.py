from django import template

from eigyo.accounts.access import visible_saved_views

register = template.Library()


@register.inclusion_tag("accounts/_saved_views.html", takes_context=True)
def saved_views(context, list_name: str):
    """The saved views of a list (the user's and their team's shared ones), and the
    form that saves the current filters as one."""
    request = context["request"]
    views = visible_saved_views(request.user).filter(list_name=list_name).select_related("owner")
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "views": list(views),
        "list_name": list_name,
        "query": params.urlencode(),
        "user": request.user,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
