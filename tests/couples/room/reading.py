"""Reading a page as a person does: the words of the elements a test names by data-testid, and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Its words as they read, spaces collapsed."""
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.parts.append(data)


def elements(html: str) -> list[Element]:
    reader = _Reader()
    reader.feed(html)
    return reader.elements


def by_testid(html: str, testid: str) -> list[Element]:
    """Every element marked data-testid=`testid`, in page order."""
    return [e for e in elements(html) if e.attrs.get("data-testid") == testid]


def one(html: str, testid: str) -> Element:
    found = by_testid(html, testid)
    assert len(found) == 1, f"{len(found)} elements are {testid!r}"
    return found[0]


def title_of(html: str) -> str:
    """The page's title as its tab shows it, without " · Hearth"."""
    (title,) = [e for e in elements(html) if e.tag == "title"]
    return title.text.removesuffix("· Hearth").strip()
