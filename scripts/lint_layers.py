#!/usr/bin/env python3
"""Which way imports run in app/src, and every place they run the wrong way.

The layers (docs: README "Layout"): a feature's pure `domain` <- its storage
(`store`/`db`) <- its server fns (`api`) <- its views; the kit (`ui/`, `i18n/`
and the shared modules below) serves every feature and imports none; `app.rs`
and the pages that compose features (`pages.rs`, `home.rs`, `layout.rs`) sit on
top. These rules are checked:

1. the kit imports no feature and nothing on top;
2. a feature never imports another feature's views (shared widgets and text
   helpers belong in the kit);
3. a feature's views are imported by nothing below them in the same feature
   (storage and domain do not render);
4. a view module loads nothing: no database handle, no server state, no
   async fn (a feature's `page_data.rs` or `api.rs` loads, the view renders);
5. no source file in app/src or server/src is over 400 lines;
6. a view module names no database row (`crate::entities`): it renders the
   view model its feature's `page_data.rs` or `api.rs` built;
7. no two features import each other, directly or around a circle (any
   module, not only views): a feature that must tell one above it
   something leaves it where that one reads it (the `lms` outbox, the
   `results` a page shows), it does not call up.

Prints each violation as `file:line: rule: what` and exits 1 when there is any.
`--count` prints only the number per rule. `--cycles` prints the import cycles
between features with an example of each edge (rule 7 reports the same).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "app" / "src"
REPO = ROOT.parent.parent
FEATURES = {
    "admin", "auth", "classes", "curriculum", "evaluation", "lms", "lti",
    "mentoring", "results", "rubrics", "scenarios", "tasks", "teams",
}
KIT = {
    "ui", "i18n", "web", "error", "csv_out", "text_limits", "save_version",
    "server_util", "state", "entities", "assets", "session", "calendar", "source_tree",
}
TOP = {"app", "pages", "seed", "lib", "home", "layout"}

# `crate::a::b::c`, also inside `use crate::{a::b, c}` groups (expanded below).
PATH = re.compile(r"crate::([a-z_]+)((?:::[A-Za-z_]+)*)")
GROUP = re.compile(r"use\s+crate::\{([^;]*)\};", re.S)


def owner(path: pathlib.Path):
    """(top-level module, rest of the path) of a source file."""
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    return parts[0], parts[1:]


def code_only(text: str) -> str:
    """The text with comments blanked out, line numbers kept."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("//"):
            out.append("")
        else:
            out.append(re.sub(r"\s//.*$", "", line))
    return "\n".join(out)


def references(text: str):
    """(line number, top module, rest) for every `crate::` path in `text`."""
    for m in GROUP.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for item in re.split(r",(?![^{]*\})", m.group(1)):
            item = item.strip()
            if item:
                head, _, rest = item.partition("::")
                yield line, head, rest
    for m in PATH.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        yield line, m.group(1), m.group(2).lstrip(":")


def is_views(rest: str) -> bool:
    return rest == "views" or rest.startswith("views::") or "_view" in rest.split("::")[0]


# What loading looks like in a view module.
LOADS = re.compile(r"\bAppState\b|\bsea_orm\b|\bDatabaseConnection\b|\bConnectionTrait\b|\.db\b|\basync\s+fn\b")
MAX_LINES = 400
ROWS = re.compile(r"\bentities::")


def is_view_module(inner) -> bool:
    return "views" in inner[:-1] or (inner and inner[-1] == "views")


def violations():
    for root in (ROOT, REPO / "server" / "src"):
        for path in sorted(root.rglob("*.rs")):
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > MAX_LINES:
                yield "file over 400 lines", f"{path.relative_to(REPO)}:{lines}", "split it by what it does"
    for path in sorted(ROOT.rglob("*.rs")):
        top, inner = owner(path)
        if top in TOP:
            continue
        text = code_only(path.read_text(encoding="utf-8"))
        below_views = bool(inner) and inner[0] in ("domain", "store", "db", "model")
        if top in FEATURES and is_view_module(inner):
            rel = path.relative_to(REPO)
            for number, line in enumerate(text.splitlines(), 1):
                m = LOADS.search(line)
                if m:
                    yield "view loads data", f"{rel}:{number}", m.group(0)
                if ROWS.search(line):
                    yield "view takes database rows", f"{rel}:{number}", line.strip()
        for line, target, rest in references(text):
            where = f"{path.relative_to(REPO)}:{line}"
            if top in KIT and (target in FEATURES or target in TOP):
                yield "kit imports a feature", where, f"{top} -> crate::{target}::{rest}"
            elif top in FEATURES and target in FEATURES and target != top and is_views(rest):
                yield "feature imports another feature's views", where, f"{top} -> crate::{target}::{rest}"
            elif top in FEATURES and target == top and is_views(rest) and below_views:
                yield "storage or domain imports views", where, f"crate::{target}::{rest}"
    for group, group_edges in feature_cycles():
        for a, b, where in group_edges:
            place, _, path = where.partition(" ")
            yield "features import each other in a circle", place, f"{a} -> {path} (circle: {' '.join(group)})"


def self_test():
    """The checker finds each kind of violation in a small made-up tree."""
    import tempfile

    global ROOT, REPO
    with tempfile.TemporaryDirectory() as tmp:
        ROOT = REPO = pathlib.Path(tmp)
        files = {
            "ui/widget.rs": "use crate::teams::store::x;\n",
            "teams/views/card.rs": "use crate::{i18n::P, scenarios::views::text::tr};\n",
            "teams/store.rs": "// use crate::teams::views::card; only a comment\nuse crate::teams::views::card;\n",
            "teams/api.rs": "use crate::scenarios::model::Scenario;\nuse crate::ui::rendered::tr;\n",
            "teams/views/list.rs": "fn body() {}\npub async fn load(state: &AppState) {}\n",
            "teams/views/row.rs": "use crate::entities::team;\nfn show(t: &team::Model) {}\n",
            "teams/page_data.rs": "pub async fn load(state: &AppState) { state.db; }\n",
            "teams/domain/long.rs": "// x\n" * 401,
            "app.rs": "use crate::teams::views::TeamsPage;\n",
            "scenarios/store.rs": "use crate::teams::store::Roster;\n",
        }
        for name, text in files.items():
            (ROOT / name).parent.mkdir(parents=True, exist_ok=True)
            (ROOT / name).write_text(text)
        found = sorted((rule, where) for rule, where, _ in violations())
    expected = [
        ("feature imports another feature's views", "teams/views/card.rs:1"),
        ("features import each other in a circle", "scenarios/store.rs:1"),
        ("features import each other in a circle", "teams/api.rs:1"),
        ("file over 400 lines", "teams/domain/long.rs:401"),
        ("kit imports a feature", "ui/widget.rs:1"),
        ("storage or domain imports views", "teams/store.rs:2"),
        ("view loads data", "teams/views/list.rs:2"),
        ("view takes database rows", "teams/views/row.rs:1"),
    ]
    if found != expected:
        print(f"self-test failed: found {found}, expected {expected}", file=sys.stderr)
        sys.exit(1)
    print("layers self-test: ok")


def feature_cycles():
    """Strongly connected groups of features (Tarjan), each edge with its first use."""
    edges = {}
    for path in sorted(ROOT.rglob("*.rs")):
        top, _ = owner(path)
        if top not in FEATURES:
            continue
        text = code_only(path.read_text(encoding="utf-8"))
        for line, target, rest in references(text):
            if target in FEATURES and target != top:
                where = f"{path.relative_to(REPO)}:{line} crate::{target}::{rest}"
                edges.setdefault(top, {}).setdefault(target, where)
    index, low, stack, on, groups = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(FEATURES):
        if v not in index:
            visit(v)
    return [(g, [(a, b, edges[a][b]) for a in g for b in g if b in edges.get(a, {})]) for g in groups]


def main():
    if "--cycles" in sys.argv:
        groups = feature_cycles()
        for group, group_edges in groups:
            print("cycle: " + " ".join(group))
            for a, b, where in group_edges:
                print(f"  {a} -> {b}: {where}")
        print(f"{len(groups)} import cycles between features")
        return
    if "--self-test" in sys.argv:
        self_test()
        return
    found = list(violations())
    if "--count" in sys.argv:
        counts = {}
        for rule, _, _ in found:
            counts[rule] = counts.get(rule, 0) + 1
        for rule, n in sorted(counts.items()):
            print(f"{n:4}  {rule}")
    else:
        for rule, where, what in found:
            print(f"{where}: {rule}: {what}")
    if found:
        print(f"{len(found)} layering violations", file=sys.stderr)
        sys.exit(1)
    print("layers: no violations")


if __name__ == "__main__":
    main()
