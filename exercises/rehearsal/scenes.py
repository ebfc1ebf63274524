"""Conflict scenes to rehearse: a short scene, two roles, lines to say and lines to rewrite as I statements.

A scene is data (exercises/rehearsal/scene_library/<id>.json, or a couple's own, saved through a form). `problems`
reads a plain dict and says, in kind and specific sentences, what keeps it from being a scene; `parse`
turns a good dict into a frozen `Scene`. The shipped library is read once per process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from exercises.moves import is_blank

LIBRARY = Path(__file__).parent / "scene_library"
SCENE_ID = re.compile(r"^[a-z][a-z0-9-]{1,59}$")
ROLE_ID = re.compile(r"^[a-z][a-z0-9_-]{0,29}$")
TOPIC_WORD = re.compile(r"^[a-z][a-z'-]{1,29}$")
MARKUP = re.compile(r"</?[A-Za-z!?]|&#?[A-Za-z0-9]+;")  # a tag or an HTML entity
MIN_LINES, MAX_LINES = 6, 12
LIMITS = {"title": (3, 80), "situation": (10, 500), "name": (1, 30), "text": (2, 240), "model_rewrite": (10, 300)}
MAX_TOPIC_WORDS = 20
FIELDS = frozenset({"id", "title", "situation", "roles", "topic_words", "lines"})
LINE_FIELDS = frozenset({"role", "text", "rewrite", "model_rewrite"})


class SceneError(ValueError):
    """A scene that can't be rehearsed; `problems` are sentences safe to show to whoever wrote it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0])
        self.problems = problems


@dataclass(frozen=True)
class Role:
    id: str
    name: str


@dataclass(frozen=True)
class Line:
    role: str
    text: str
    rewrite: bool = False
    model_rewrite: str | None = None


@dataclass(frozen=True)
class Scene:
    id: str
    title: str
    situation: str
    roles: tuple[Role, Role]
    topic_words: tuple[str, ...]
    lines: tuple[Line, ...]

    def role(self, role_id: str) -> Role:
        """The role with this id (KeyError when there is none)."""
        for role in self.roles:
            if role.id == role_id:
                return role
        raise KeyError(role_id)

    @property
    def role_ids(self) -> tuple[str, str]:
        return self.roles[0].id, self.roles[1].id

    @property
    def rewrite_lines(self) -> tuple[int, ...]:
        """Indexes of the lines marked for rewriting."""
        return tuple(i for i, line in enumerate(self.lines) if line.rewrite)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, the same shape as a scene file."""
        return {"id": self.id, "title": self.title, "situation": self.situation,
                "roles": [{"id": r.id, "name": r.name} for r in self.roles], "topic_words": list(self.topic_words),
                "lines": [{"role": ln.role, "text": ln.text, "rewrite": ln.rewrite,
                           **({"model_rewrite": ln.model_rewrite} if ln.rewrite else {})} for ln in self.lines]}


def mentions_topic(text: str, topic_words: tuple[str, ...] | list[str]) -> bool:
    """Whether `text` names the scene's topic: a word starting with one of its topic words ("dish" -> "dishes")."""
    words = re.findall(r"[a-z][a-z']*", text.lower().replace("\u2019", "'"))
    return any(word.startswith(topic) for word in words for topic in topic_words)


def has_markup(text: str) -> bool:
    """Whether `text` holds an HTML tag or entity (a scene is plain words)."""
    return bool(MARKUP.search(text))


def _text(data: dict[str, Any], key: str, label: str, where: str, out: list[str]) -> str:
    value = data.get(key)
    low, high = LIMITS[key]
    if not isinstance(value, str) or is_blank(value):
        out.append(f"Please add {label}{where}.")
        return ""
    value = value.strip()
    if has_markup(value):
        out.append(f"Please leave HTML (like <b> or <script>) out of {label}{where}; "
                   "plain words are all a scene needs.")
    elif len(value) < low:
        out.append(f"{label.capitalize()}{where} is a little short; a few more words will help.")
    elif len(value) > high:
        out.append(f"Please keep {label}{where} to {high} characters or fewer (it has {len(value)}).")
    return value


def _roles(data: dict[str, Any], out: list[str]) -> list[str]:
    roles = data.get("roles")
    if not isinstance(roles, list) or len(roles) != 2 or not all(isinstance(r, dict) for r in roles):
        out.append("A scene has exactly two roles, one for each of you.")
        return []
    for number, role in enumerate(roles, 1):
        if not isinstance(role.get("id"), str) or not ROLE_ID.match(role["id"]):
            out.append(f"Role {number} needs a short id of lowercase letters.")
        _text(role, "name", "a name", f" for role {number}", out)
    names = [str(r.get("name", "")).strip().lower() for r in roles]
    if names[0] and names[0] == names[1]:
        out.append("The two roles need different names, so you can tell whose line is whose.")
    ids = [r.get("id") for r in roles]
    if ids[0] == ids[1]:
        out.append("The two roles need different ids.")
    return [str(i) for i in ids]


def _topic_words(data: dict[str, Any], out: list[str]) -> list[str]:
    words = data.get("topic_words")
    if not isinstance(words, list) or not words:
        out.append("Please add a few topic words: what the scene is about (like dishes, kitchen).")
        return []
    if len(words) > MAX_TOPIC_WORDS:
        out.append(f"Up to {MAX_TOPIC_WORDS} topic words is plenty.")
    bad = [w for w in words if not isinstance(w, str) or not TOPIC_WORD.match(w)]
    if bad:
        out.append("Each topic word is one lowercase word (like dishes or late), without spaces or signs.")
    return [w for w in words if isinstance(w, str) and TOPIC_WORD.match(w)]


def _lines(data: dict[str, Any], role_ids: list[str], topic: list[str], out: list[str]) -> None:
    lines = data.get("lines")
    if not isinstance(lines, list) or not all(isinstance(line, dict) for line in lines):
        out.append(f"A scene needs between {MIN_LINES} and {MAX_LINES} lines.")
        return
    if not MIN_LINES <= len(lines) <= MAX_LINES:
        out.append(f"A scene needs between {MIN_LINES} and {MAX_LINES} lines; this one has {len(lines)}.")
    for number, line in enumerate(lines, 1):
        where = f" on line {number}"
        if set(line) - LINE_FIELDS:
            out.append(f"Line {number} has something we don't know: {', '.join(sorted(set(line) - LINE_FIELDS))}.")
        if role_ids and line.get("role") not in role_ids:
            out.append(f"Line {number} belongs to a role that isn't one of the scene's two roles.")
        _text(line, "text", "the words", where, out)
        if not isinstance(line.get("rewrite", False), bool):
            out.append(f"Line {number} should say plainly whether it is one to rewrite (true or false).")
        elif line.get("rewrite"):
            model = _text(line, "model_rewrite", "an example I statement", where, out)
            if model and topic and not mentions_topic(model, topic):
                out.append(f"The example I statement on line {number} should name what the scene is about "
                           f"(one of its topic words: {', '.join(topic[:5])}).")
        elif line.get("model_rewrite"):
            out.append(f"Line {number} has an example I statement but isn't marked for rewriting.")
    if not any(line.get("rewrite") is True for line in lines):
        out.append("Please mark at least one line to practise rewriting as an I statement.")


def problems(data: Any) -> list[str]:
    """Every reason `data` isn't a scene yet, as kind sentences; [] when it is a good scene."""
    if not isinstance(data, dict):
        return ["A scene is a set of named fields: title, situation, roles, topic words and lines."]
    out: list[str] = []
    unknown = set(data) - FIELDS
    if unknown:
        out.append(f"The scene has fields we don't know: {', '.join(sorted(unknown))}.")
    if not isinstance(data.get("id"), str) or not SCENE_ID.match(data["id"]):
        out.append("A scene needs a short id of lowercase letters, digits and dashes.")
    _text(data, "title", "a title", "", out)
    _text(data, "situation", "the situation", "", out)
    role_ids = _roles(data, out)
    topic = _topic_words(data, out)
    _lines(data, role_ids, topic, out)
    return out


def parse(data: Any) -> Scene:
    """A checked Scene from a plain dict; SceneError listing every problem otherwise."""
    found = problems(data)
    if found:
        raise SceneError(found)
    first, second = (Role(r["id"], r["name"].strip()) for r in data["roles"])  # problems() saw exactly two
    return Scene(
        id=data["id"], title=data["title"].strip(), situation=data["situation"].strip(),
        roles=(first, second),
        topic_words=tuple(data["topic_words"]),
        lines=tuple(Line(ln["role"], ln["text"].strip(), bool(ln.get("rewrite")),
                         ln["model_rewrite"].strip() if ln.get("rewrite") else None) for ln in data["lines"]),
    )


def load_file(path: Path) -> Scene:
    """One scene file, checked; SceneError naming the file when it isn't a good scene."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SceneError([f"{path.name} is not valid JSON: {error}"]) from None
    try:
        scene = parse(data)
    except SceneError as error:
        raise SceneError([f"{path.name}: {p}" for p in error.problems]) from None
    if scene.id != path.stem:
        raise SceneError([f"{path.name}: its id is {scene.id!r}; a scene file is named after its id."])
    return scene


@cache
def library() -> MappingProxyType[str, Scene]:
    """The shipped scenes by id, read and checked once per process, in a steady order."""
    scenes = [load_file(path) for path in sorted(LIBRARY.glob("*.json"))]
    return MappingProxyType({scene.id: scene for scene in scenes})
