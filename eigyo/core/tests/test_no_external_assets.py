"""Nothing the product serves loads from another host: installs are often offline.
Every page without an id, the API docs and the detail pages of the book's records are
rendered, and no `src`, stylesheet link or CSS `url()` may point elsewhere."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

EXTERNAL = re.compile(r"^(https?:)?//", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


class Assets(HTMLParser):
    """The addresses a browser would fetch to show the page."""

    def __init__(self):
        super().__init__()
        self.found, self._style = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.found.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.found.append(attrs["href"])
        if attrs.get("style"):
            self.found += CSS_URL.findall(attrs["style"])
        self._style = tag == "style"

    def handle_data(self, data):
        if self._style:
            self.found += CSS_URL.findall(data)


def external(html: str) -> list[str]:
    parser = Assets()
    parser.feed(html)
    return [u for u in parser.found if EXTERNAL.match(u.strip())]


def pages_without_ids():
    def walk(resolver, prefix="", namespace=None):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name

    for path, name in walk(get_resolver()):
        if "<" not in path and not path.startswith(("admin/", "api/")):
            yield name


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(book, actors, login, settings):
    settings.DEBUG = False
    details = [
        reverse("companies:detail", args=[book.company.pk]),
        reverse("contacts:detail", args=[book.person.pk]),
        reverse("portfolio:detail", args=[book.rel.pk]),
        reverse("activities:detail", args=[book.activity.pk]),
        reverse("deals:detail", args=[book.deal.pk]),
        reverse("followups:detail", args=[book.instruction.pk]),
        "/api/docs",
        "/no-such-page/",
    ]
    names = list(pages_without_ids())
    assert len(names) > 25
    offences, seen = {}, 0
    for who in (actors.admin, actors.rep1):
        web = login(who)
        for url in [reverse(n) for n in names] + details:
            response = web.get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            found = external(response.content.decode())
            if found:
                offences[url] = found
    assert seen > 40 and offences == {}


def test_the_check_itself():
    html = (
        '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="/static/a.js">'
        '</script><img src="//img.example/p.png"><a href="https://toyota.example">site</a>'
        "<style>body{background:url('https://fonts.example/f.woff')}</style>"
    )
    assert external(html) == [
        "https://cdn.example/x.css",
        "//img.example/p.png",
        "https://fonts.example/f.woff",
    ]
