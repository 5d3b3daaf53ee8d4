"""In Chromium: a card is dragged to the next stage; won asks first; lost asks why."""

import pytest

from browser_fixtures import log_in, screenshot
from eigyo.deals.models import Deal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_drag_cards_between_stages(browser, live_server, book, actors):
    actors.rep1.language = "ja"
    actors.rep1.save()
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    log_in(page, live_server.url, actors.rep1.email)
    page.goto(f"{live_server.url}/deals/board/")
    card = f"[data-testid=card-{book.deal.pk}]"
    assert "万円" in page.inner_text(card) and actors.rep1.display_name in page.inner_text(card)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # the board scrolls
    page.drag_and_drop(card, "[data-testid=column-evidence]")
    page.wait_for_selector(f"[data-testid=column-evidence] {card}")
    assert Deal.objects.get(pk=book.deal.pk).stage == "evidence"

    page.once("dialog", lambda d: d.dismiss())  # "won?" — no
    page.drag_and_drop(card, "[data-testid=column-won]")
    page.wait_for_timeout(300)
    assert Deal.objects.get(pk=book.deal.pk).stage == "evidence"

    page.once("dialog", lambda d: d.accept("予算が凍結された"))  # lost: the reason
    page.drag_and_drop(card, "[data-testid=column-lost]")
    page.wait_for_selector(f"[data-testid=column-lost] {card}")
    deal = Deal.objects.get(pk=book.deal.pk)
    assert deal.stage == "lost" and deal.lost_reason == "予算が凍結された"
    screenshot(page, "deal-board-ja")
