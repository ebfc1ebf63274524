"""The copy check's rules: what a page shows, read as a person reads it, and what in it reads wrong.

`visible_tree(page)` asks Chromium for the page as it is drawn now: only what is shown (an element hidden by
the `hidden` attribute, by CSS or inside a closed <details> is left out; scripts, styles, templates and the
<option>s of a select are not words on the page), each element as [tag, {"sr": read only by screen readers,
"id": its data-testid or id}, children], each text as a string.

`faults(tree)` then names, in words a test failure can show:
  - an empty heading: an h1-h4 with no words;
  - a heading with nothing under it: no words, and no control, between it and the end of its section (the
    next heading of its rank or higher, or the end of the section, article, list... it stands in);
  - a sentence said twice on one screen: the same sentence (three words or more, ending in . ! ? or …) in two
    places, or twice in one, of what is shown (text only a screen reader reads is left out: a live region
    saying what the screen already shows is how such a region works).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Union

Node = Union[str, list]  # noqa: UP007 - a recursive alias reads better spelled out
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CHECKED_HEADINGS = {"h1", "h2", "h3", "h4"}
# Elements whose words run on with their neighbours' in one sentence; any other element begins a new block.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "label", "mark", "q",
          "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "output"}
# Where a heading's section ends at the latest. A list counts, not its items: a list item may hold a heading
# alone, over the items after it (a transcript's steps).
SECTIONS = {"body", "main", "section", "article", "aside", "nav", "ol", "ul", "dialog", "details", "td", "fieldset",
            "blockquote", "figure"}
# Things that are something under a heading even without words of their own.
CONTENT = {"input", "button", "select", "textarea", "img", "svg", "canvas", "video", "audio", "iframe", "meter",
           "progress", "table"}
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")

VISIBLE_TREE = """() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "OPTION", "DATALIST"]);
  const readOnlyAloud = (style, el) => style.position === "absolute" && el.offsetWidth <= 1 && el.offsetHeight <= 1
    && (style.overflow === "hidden" || style.clip !== "auto");
  const walk = (node, inSvg) => {
    if (node.nodeType === Node.TEXT_NODE) return inSvg ? null : node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.tagName.toUpperCase())) return null;
    const style = getComputedStyle(node);
    const boxless = style.display === "contents";
    if (!boxless && !node.checkVisibility({ checkVisibilityCSS: true })) return null;
    const tag = node.tagName.toLowerCase();
    const item = [tag, { sr: !boxless && readOnlyAloud(style, node), id: node.dataset.testid || node.id || "" }, []];
    if (tag === "svg") return item; // a chart: something shown, its <title>s are its accessible name
    for (const child of node.childNodes) {
      const seen = walk(child, inSvg);
      if (seen !== null) item[2].push(seen);
    }
    return item;
  };
  return walk(document.body, false);
}"""


def visible_tree(page: Any) -> Node:
    """What `page` (a Playwright page) shows now, as the tree this module's rules read."""
    return page.evaluate(VISIBLE_TREE)


@dataclass
class _Token:
    """One thing met in reading order: the start of an element, or a text, with the ids of its ancestors."""

    kind: str  # "start" or "text"
    value: str  # the tag, or the text
    ancestors: tuple[int, ...]
    sr: bool = False
    in_heading: bool = False
    node_id: int = 0
    end: int = 0  # for a start: the index of the first token after the element
    attrs: dict[str, Any] = field(default_factory=dict)


def _tokens(tree: Node) -> list[_Token]:
    tokens: list[_Token] = []
    counter = iter(range(1, 1_000_000))

    def walk(node: Node, ancestors: tuple[int, ...], sr: bool, in_heading: bool) -> None:
        if isinstance(node, str):
            tokens.append(_Token("text", node, ancestors, sr, in_heading))
            return
        tag, attrs, children = node
        number = next(counter)
        start = _Token("start", tag, ancestors, sr or attrs.get("sr", False), in_heading, number, attrs=attrs)
        tokens.append(start)
        inside = (*ancestors, number)
        for child in children:
            walk(child, inside, start.sr, in_heading or tag in HEADINGS)
        start.end = len(tokens)

    walk(tree, (), False, False)
    return tokens


def _words(tokens: list[_Token]) -> str:
    return " ".join("".join(t.value for t in tokens if t.kind == "text").split())


def heading_faults(tree: Node) -> Iterator[str]:
    """Empty headings, and headings with nothing under them in their section."""
    tokens = _tokens(tree)
    starts = {t.node_id: t for t in tokens if t.kind == "start"}
    for index, token in enumerate(tokens):
        if token.kind != "start" or token.value not in CHECKED_HEADINGS:
            continue
        words = _words(tokens[index + 1:token.end])
        name = f"<{token.value}>{words}</{token.value}>" + (f" [{token.attrs['id']}]" if token.attrs.get("id") else "")
        if not words:
            yield f"empty heading: {name}"
            continue
        section = next((number for number in reversed(token.ancestors) if starts[number].value in SECTIONS), None)
        if not _something_after(tokens, token, section):
            yield f"heading with nothing under it: {name}"


def _something_after(tokens: list[_Token], heading: _Token, section: int | None) -> bool:
    rank = HEADINGS[heading.value]
    for token in tokens[heading.end:]:
        if section is not None and section not in token.ancestors:
            return False  # the section it heads has ended
        if token.kind == "start" and token.value in HEADINGS:
            if HEADINGS[token.value] <= rank:
                return False
            continue
        if token.in_heading:
            continue  # a subheading's own words are not something under this one
        if token.kind == "start" and token.value in CONTENT:
            return True
        if token.kind == "text" and token.value.strip():
            return True
    return False


def sentences(tree: Node) -> list[str]:
    """Every sentence shown (three words or more, ending in . ! ? or …), each as often as it is shown."""
    found: list[str] = []
    for block in _blocks(tree):
        for part in SENTENCE_END.split(block):
            part = part.strip()
            if len(part.split()) >= 3 and ENDS_A_SENTENCE.search(part):
                found.append(part)
    return found


def _blocks(tree: Node, marked: bool = False) -> list[str]:
    """The shown text, cut where a block begins or ends (inline elements run on), screen-reader-only text left
    out; with `marked`, that text kept but marked, headings and controls marked too (see `outline`)."""
    blocks: list[str] = []
    current: list[str] = []
    mark = [""]

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text or (marked and mark[0].startswith("[")):
            blocks.append(mark[0] + text + ("]" if mark[0].startswith("[") else ""))
        current.clear()
        mark[0] = ""

    def walk(node: Node, sr: bool) -> None:
        if isinstance(node, str):
            if marked or not sr:
                current.append(node)
            return
        tag, attrs, children = node
        hidden_aloud = sr or attrs.get("sr", False)
        if tag == "br":
            current.append(" ")
            return
        block = tag not in INLINE
        if block:
            flush()
            if marked:
                mark[0] = ("#" * HEADINGS[tag] + " " if tag in HEADINGS else f"[{tag}: " if tag in CONTENT
                           else "(heard only) " if hidden_aloud else "")
        heard_only = marked and not block and hidden_aloud and not sr
        if heard_only:
            current.append(" (heard only: ")
        for child in children:
            walk(child, hidden_aloud)
        if heard_only:
            current.append(")")
        if block:
            flush()

    walk(tree, False)
    flush()
    return blocks


def repeated_sentences(tree: Node) -> Iterator[str]:
    for sentence, count in Counter(sentences(tree)).items():
        if count > 1:
            yield f"said {count} times: {sentence!r}"


def outline(tree: Node) -> str:
    """What a person reads, block by block: headings marked with #, controls in [brackets], text only a
    screen reader reads marked so; for looking at by eye (HEARTH_COPY_CHECK_DUMP)."""
    return "\n".join(_blocks(tree, marked=True))


def text_of(tree: Node, name: str) -> str:
    """The words of the first element whose data-testid (or id) is `name`; "" when none is shown."""
    if isinstance(tree, str):
        return ""
    if tree[1].get("id") == name:
        return " ".join(_flat(tree).split())
    return next((found for child in tree[2] if (found := text_of(child, name))), "")


def with_text(tree: Node, name: str, text: str) -> Node:
    """A copy of `tree` in which the element named `name` says `text` instead."""
    if isinstance(tree, str):
        return tree
    tag, attrs, children = tree
    if attrs.get("id") == name:
        return [tag, attrs, [text]]
    return [tag, attrs, [with_text(child, name, text) for child in children]]


def _flat(node: Node) -> str:
    return node if isinstance(node, str) else "".join(_flat(child) for child in node[2])


def faults(tree: Node) -> list[str]:
    """Everything that reads wrong in what a page shows (see the module's docstring)."""
    return [*heading_faults(tree), *repeated_sentences(tree)]
