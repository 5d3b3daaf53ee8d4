"""Pages filled by the apps above: slots in order, contexts merged."""

from eigyo.core.contributions import Contribution, Page


def test_slots_in_order_and_contexts_merged():
    page = Page("sample")

    def low(request, obj):
        return [Contribution("panels", "b.html", {"b": obj}, order=20)]

    def high(request, obj):
        return [
            Contribution("panels", "a.html", {"a": 1}, order=10),
            Contribution("actions", "c.html"),
        ]

    page.contribute(low)
    page.contribute(high)
    page.contribute(high)  # registering twice (a second ready()) adds nothing
    context = page.context(None, "obj")
    assert [c.template for c in context["slots"]["panels"]] == ["a.html", "b.html"]
    assert [c.template for c in context["slots"]["actions"]] == ["c.html"]
    assert context["a"] == 1 and context["b"] == "obj"


def test_a_page_without_contributors_has_empty_slots():
    assert Page("empty").context(None, None) == {"slots": {}}
