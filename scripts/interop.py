#!/usr/bin/env python3
"""Interoperability check: NewsGraph GraphML against networkx and igraph.

1. Builds an awkward graph as node-link JSON (quotes, <, &, emoji, Cyrillic,
   Arabic, control characters, list properties with "|" and "\\" inside, int /
   long / float / boolean properties, parallel edges, a self-loop), converts it
   with `newsgraph convert x.json -o x.graphml`, validates it with
   `newsgraph validate` and with xmllint against the GraphML 1.1 XSD, then reads
   it with networkx.read_graphml and igraph.Graph.Read_GraphML and compares every
   attribute with what NewsGraph's GraphML vocabulary promises.
2. The other direction: graphs written by networkx (write_graphml, and
   write_graphml_lxml when lxml is installed) and by igraph are converted with
   `newsgraph convert THEIR.graphml -o out.json`, and the node-link JSON is
   compared with the source graph.

Prints one line per check and `interop: N checks passed`; exits 1 at the first
failure, naming what was expected and what was found.

   It also checks Tests/KGGraphMLTests/Fixtures/foreign/*.graphml against
   EXPECTED.json there, and re-checks bugs found by this script once (regressions).

    python3 scripts/interop.py [--newsgraph PATH] [--shared PATH] [--keep]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import networkx as nx
except ImportError:  # pragma: no cover - reported at start-up
    nx = None
try:
    import igraph as ig
except ImportError:  # pragma: no cover
    ig = None
try:
    import lxml  # noqa: F401  (only to know whether write_graphml_lxml works)

    HAVE_LXML = True
except ImportError:
    HAVE_LXML = False

PROJECT_ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# Reporting


class CheckFailed(Exception):
    pass


class Checks:
    def __init__(self) -> None:
        self.passed = 0

    def ok(self, description: str) -> None:
        self.passed += 1
        print(f"ok  {description}", flush=True)

    def that(self, condition: bool, description: str, detail: str = "") -> None:
        if not condition:
            raise CheckFailed(f"{description}: {detail}" if detail else description)
        self.ok(description)

    def equal(self, actual, expected, description: str) -> None:
        self.that(
            same(actual, expected),
            description,
            f"expected {expected!r}, got {actual!r}",
        )


def same(actual, expected, numeric: bool = False) -> bool:
    """Equality that keeps int/float/bool apart unless `numeric` is set."""
    if numeric and isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return False
        return float(actual) == float(expected)
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, float) and math.isnan(expected):
        return math.isnan(actual)
    if isinstance(expected, list):
        return len(actual) == len(expected) and all(
            same(a, e, numeric) for a, e in zip(actual, expected)
        )
    if isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            same(actual[k], expected[k], numeric) for k in expected
        )
    return actual == expected


def compare_attributes(actual: dict, expected: dict, numeric: bool) -> list[str]:
    """Differences between two attribute dictionaries, as readable lines."""
    problems = []
    for name, value in expected.items():
        if name not in actual:
            problems.append(f"attribute {name!r} is missing (expected {value!r})")
        elif not same(actual[name], value, numeric):
            problems.append(f"attribute {name!r}: expected {value!r}, got {actual[name]!r}")
    return problems


# ---------------------------------------------------------------------------
# Running tools


def run(command: list[str], description: str, expect_status: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != expect_status:
        raise CheckFailed(
            f"{description}: `{' '.join(command)}` exited {result.returncode} "
            f"(expected {expect_status})\nstdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}"
        )
    return result


# ---------------------------------------------------------------------------
# The awkward graph (NewsGraph -> others)

BELL, SOH, STX, ESC = "\u0007", "\u0001", "\u0002", "\u001b"

AWKWARD = {
    "directed": True,
    "multigraph": True,
    "graph": {"title": 'Interop <test> & "friends" \U0001F9EA', "built": 2024},
    "nodes": [
        {
            "id": "person:ada-quill",
            "labels": ["Person"],
            "properties": {
                "name": 'Ada "Countess" <Quill> & Sons \U0001F680',
                "aliases": ["Ada", "A|Q", "Countess of Quill"],
                "born": 1815,
                "score": 0.75,
                "verified": True,
            },
        },
        {
            "id": "person:ivan-sokolov",
            "labels": ["Person", "Politician"],
            "properties": {
                "name": "Иван Соколов",
                "aliases": ["Ваня", "И. С."],
                "born": 1970,
                "score": 1.0,
                "verified": False,
            },
        },
        {
            "id": "person:layla-nasser",
            "labels": ["Person"],
            "properties": {
                "name": "ليلى ناصر",
                "aliases": ["Layla", "ليلى"],
                "note": "  two spaces each side  ",
            },
        },
        {
            "id": "country:freedonia",
            "labels": ["Country"],
            "properties": {
                "name": "Freedonia <République> & \u00abco\u00bb",
                "gdp_usd": 3_000_000_000_000,
            },
        },
        {
            "id": "org:acme-widgets",
            "labels": ["Organization"],
            "properties": {
                "name": f"ACME{SOH} 'Widgets' & Gadgets",
                "aliases": ["ACME", "", "Acme \\ Co"],
            },
        },
    ],
    "edges": [
        {
            "id": "e1",
            "source": "person:ada-quill",
            "target": "person:ivan-sokolov",
            "type": "met",
            "properties": {
                "weight": 2,
                "confidence": 0.9,
                "confirmed": True,
                "evidence": 'Ada met Иван at the "Café <Noir>" & smiled \U0001F642',
            },
        },
        {
            "id": "e2",
            "source": "person:ada-quill",
            "target": "person:ivan-sokolov",
            "type": "talked_to",
            "properties": {
                "weight": 1,
                "evidence": f"Phone call{STX} (per the wire)\nsecond line\twith a tab\r\nCRLF end",
            },
        },
        {
            "id": "e3",
            "source": "person:ada-quill",
            "target": "person:ivan-sokolov",
            "type": "said",
            "properties": {"evidence": f"She said: \"Let's meet\" \u2014 ليلى & Иван <3{BELL}{ESC}"},
        },
        {
            "id": "e4",
            "source": "person:ada-quill",
            "target": "person:ada-quill",
            "type": "said",
            "properties": {"evidence": "A note to herself & nobody else", "weight": 0},
        },
        {
            "id": "e5",
            "source": "person:ivan-sokolov",
            "target": "country:freedonia",
            "type": "member_of",
            "properties": {"role": 'Minister of "Things" & <Stuff>', "since": 2019},
        },
        {
            "id": "e6",
            "source": "person:layla-nasser",
            "target": "person:ada-quill",
            "type": "talked_to",
            "properties": {"interaction": "phoned", "confidence": 0.5},
        },
        {
            "id": "e7",
            "source": "person:layla-nasser",
            "target": "org:acme-widgets",
            "type": "member_of",
            "properties": {"role": "CEO", "confirmed": False},
        },
    ],
}


def sanitize(text: str) -> str:
    """What an XML reader gets back: C0 controls (but TAB, LF, CR) and U+FFFE/F dropped."""
    return "".join(
        c for c in text if not ((ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff")
    )


def encode_list(elements: list) -> str:
    """NewsGraph's list encoding: "|" between elements, "\\" escapes, "\\e" = empty."""
    parts = []
    for element in elements:
        text = element if isinstance(element, str) else json.dumps(element)
        if text == "":
            parts.append("\\e")
        else:
            parts.append(text.replace("\\", "\\\\").replace("|", "\\|"))
    return "|".join(parts)


def graphml_value(value):
    """The value a GraphML reader sees for a NewsGraph property value."""
    if isinstance(value, list):
        return sanitize(encode_list(value))
    if isinstance(value, str):
        return sanitize(value)
    return value


def expected_node_attributes(node: dict) -> dict:
    props = node["properties"]
    expected = {
        "label": graphml_value(props.get("label", props.get("name", node["id"]))),
        "type": graphml_value(props.get("type", node["labels"][0] if node["labels"] else "")),
        "labels": "".join(":" + label for label in node["labels"]),
    }
    for name, value in props.items():
        expected[name] = graphml_value(value)
    return expected


def expected_edge_attributes(edge: dict) -> dict:
    props = edge["properties"]
    expected = {
        "type": edge["type"],
        "interaction": graphml_value(props.get("interaction", edge["type"])),
        "label": graphml_value(props.get("label", edge["type"])),
    }
    for name, value in props.items():
        expected[name] = graphml_value(value)
    return expected


def sanitized_graph(graph: dict) -> dict:
    """The node-link JSON NewsGraph should give back after a GraphML round trip."""

    def clean(value):
        if isinstance(value, str):
            return sanitize(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    def props(p: dict) -> dict:
        return {k: clean(v) for k, v in sorted(p.items())}

    return {
        "directed": graph["directed"],
        "multigraph": True,
        "graph": props(graph["graph"]),
        "nodes": [
            {"id": n["id"], "labels": n["labels"], "properties": props(n["properties"])}
            for n in graph["nodes"]
        ],
        "edges": [
            {
                "id": e["id"],
                "source": e["source"],
                "target": e["target"],
                "type": e["type"],
                "properties": props(e["properties"]),
            }
            for e in graph["edges"]
        ],
    }


def check_newsgraph_to_others(checks: Checks, tool: str, shared: Path, work: Path) -> None:
    source = work / "x.json"
    graphml = work / "x.graphml"
    # ensure_ascii=True on purpose: emoji arrive as surrogate-pair escapes.
    source.write_text(json.dumps(AWKWARD, indent=1), encoding="utf-8")
    run([tool, "convert", str(source), "-o", str(graphml)], "newsgraph convert x.json -o x.graphml")
    checks.ok("newsgraph convert x.json -o x.graphml")

    raw = graphml.read_bytes()
    checks.that(
        not any(b < 0x20 and b not in (0x09, 0x0A, 0x0D) for b in raw),
        "x.graphml holds no XML-illegal control bytes",
    )
    checks.that(b"&#13;" in raw, "x.graphml writes CR as &#13; (so readers keep it)")

    run([tool, "validate", str(graphml)], "newsgraph validate x.graphml")
    checks.ok("newsgraph validate x.graphml")
    xsd = shared / "graphml-xsd" / "graphml.xsd"
    if shutil.which("xmllint") is None:
        raise CheckFailed("xmllint is not installed (apt-get install libxml2-utils)")
    run(
        ["xmllint", "--nonet", "--noout", "--schema", str(xsd), str(graphml)],
        "xmllint --schema graphml.xsd x.graphml",
    )
    checks.ok(f"xmllint --nonet --schema {xsd.name} x.graphml: valid")

    nodes = AWKWARD["nodes"]
    edges = AWKWARD["edges"]

    # --- networkx -------------------------------------------------------
    g = nx.read_graphml(graphml)
    checks.that(
        g.is_directed() and g.is_multigraph(),
        "networkx: reads a directed multigraph",
        f"got {type(g).__name__}",
    )
    checks.equal(g.number_of_nodes(), len(nodes), "networkx: node count")
    checks.equal(g.number_of_edges(), len(edges), "networkx: edge count")
    expected_graph = {k: graphml_value(v) for k, v in AWKWARD["graph"].items()}
    problems = compare_attributes(g.graph, expected_graph, numeric=False)
    checks.that(not problems, "networkx: graph attributes title, built", "; ".join(problems))
    for node in nodes:
        expected = expected_node_attributes(node)
        checks.that(node["id"] in g, f"networkx: node {node['id']} present")
        actual = g.nodes[node["id"]]
        problems = compare_attributes(actual, expected, numeric=False)
        extra = set(actual) - set(expected)
        if extra:
            problems.append(f"unexpected attributes {sorted(extra)}")
        checks.that(
            not problems,
            f"networkx: node {node['id']}: {', '.join(expected)}",
            "; ".join(problems),
        )
    for edge in edges:
        expected = expected_edge_attributes(edge)
        key = (edge["source"], edge["target"], edge["id"])
        checks.that(g.has_edge(*key), f"networkx: edge {edge['id']} is key {edge['id']!r} of {edge['source']} -> {edge['target']}")
        actual = g.edges[key]
        problems = compare_attributes(actual, expected, numeric=False)
        extra = set(actual) - set(expected) - {"id"}
        if extra:
            problems.append(f"unexpected attributes {sorted(extra)}")
        checks.that(
            not problems,
            f"networkx: edge {edge['id']} ({edge['type']}): {', '.join(expected)}",
            "; ".join(problems),
        )
    parallel = sorted(
        k for s, t, k in g.edges(keys=True) if (s, t) == ("person:ada-quill", "person:ivan-sokolov")
    )
    checks.equal(parallel, ["e1", "e2", "e3"], "networkx: parallel met/talked_to/said edges kept apart")

    # --- igraph ---------------------------------------------------------
    h = ig.Graph.Read_GraphML(str(graphml))
    checks.that(h.is_directed(), "igraph: reads a directed graph")
    checks.equal(h.vcount(), len(nodes), "igraph: node count")
    checks.equal(h.ecount(), len(edges), "igraph: edge count")
    graph_attrs = {name: h[name] for name in h.attributes()}
    problems = compare_attributes(graph_attrs, expected_graph, numeric=True)
    checks.that(not problems, "igraph: graph attributes title, built (numbers compared as numbers)", "; ".join(problems))
    ids = h.vs["id"]
    checks.equal(ids, [n["id"] for n in nodes], "igraph: vertex ids in file order")
    for node in nodes:
        expected = expected_node_attributes(node)
        vertex = h.vs[ids.index(node["id"])]
        actual = vertex.attributes()
        problems = compare_attributes(actual, expected, numeric=True)
        checks.that(
            not problems,
            f"igraph: node {node['id']}: {', '.join(expected)}",
            "; ".join(problems),
        )
    # igraph 1.0.0 fills the edge attribute `id` with vertex ids (see
    # GRAPHML-CONSUMERS.md), so edges are matched by position, ends and type.
    for position, edge in enumerate(edges):
        expected = expected_edge_attributes(edge)
        e = h.es[position]
        ends = (ids[e.source], ids[e.target])
        checks.equal(ends, (edge["source"], edge["target"]), f"igraph: edge #{position} ({edge['id']}) ends")
        actual = e.attributes()
        actual.pop("id", None)
        problems = compare_attributes(actual, expected, numeric=True)
        checks.that(
            not problems,
            f"igraph: edge {edge['id']} ({edge['type']}): {', '.join(expected)}",
            "; ".join(problems),
        )

    # --- NewsGraph reads its own file back --------------------------------
    back = work / "x-back.json"
    run([tool, "convert", str(graphml), "-o", str(back)], "newsgraph convert x.graphml -o x-back.json")
    data = json.loads(back.read_text(encoding="utf-8"))
    expected_back = sanitized_graph(AWKWARD)
    for section in ("directed", "graph", "nodes", "edges"):
        if section in ("nodes", "edges"):
            for want, got in zip(expected_back[section], data[section]):
                checks.that(
                    same(got, want),
                    f"newsgraph round trip: {section[:-1]} {want['id']} (labels/type, properties, int vs float)",
                    f"expected {want!r}, got {got!r}",
                )
            checks.equal(len(data[section]), len(expected_back[section]), f"newsgraph round trip: {section} count")
        else:
            checks.equal(data[section], expected_back[section], f"newsgraph round trip: {section}")


# ---------------------------------------------------------------------------
# Other writers -> NewsGraph


def networkx_graph():
    g = nx.MultiDiGraph(name="Foreign «networkx» graph")
    g.add_node("zoë", name="Zoë Ærøskøbing", age=41, height=1.68, active=True, city="Львів")
    g.add_node("omar", name='Omar "the <Quick>" & co', age=37, active=False)
    g.add_node("org-1", name="Café Ünïon", founded=1999, rating=4.5)
    g.add_edge("zoë", "omar", key="m1", type="met", weight=3, score=0.25, checked=True, evidence="they met 🤝")
    g.add_edge("zoë", "omar", key="t1", type="talked_to", weight=1, checked=False)
    g.add_edge("omar", "org-1", key="l1", label="member_of", role="Kassierer")
    g.add_edge("org-1", "org-1", key="x1", note="self & loop")
    return g


def check_others_to_newsgraph(checks: Checks, tool: str, work: Path) -> None:
    g = networkx_graph()
    writers = [("write_graphml", nx.write_graphml)]
    if HAVE_LXML:
        writers.append(("write_graphml_lxml", nx.write_graphml_lxml))
    else:
        print("note: lxml is not installed; skipping networkx.write_graphml_lxml")
    for writer_name, writer in writers:
        path = work / f"networkx-{writer_name}.graphml"
        out = work / f"networkx-{writer_name}.json"
        writer(g, path)
        run([tool, "convert", str(path), "-o", str(out)], f"newsgraph convert (networkx {writer_name})")
        data = json.loads(out.read_text(encoding="utf-8"))
        tag = f"networkx {writer_name} -> newsgraph"
        checks.equal(data["directed"], True, f"{tag}: directed")
        checks.equal(len(data["nodes"]), g.number_of_nodes(), f"{tag}: node count")
        checks.equal(len(data["edges"]), g.number_of_edges(), f"{tag}: edge count")
        checks.equal(data["graph"], {"name": g.graph["name"]}, f"{tag}: graph attribute name")
        by_id = {n["id"]: n for n in data["nodes"]}
        for node, attrs in g.nodes(data=True):
            got = by_id.get(node)
            checks.that(got is not None, f"{tag}: node {node!r} present")
            # No labels/type key in a networkx file: no labels, every attribute a property.
            checks.equal(got["labels"], [], f"{tag}: node {node!r} has no labels")
            checks.equal(got["properties"], dict(attrs), f"{tag}: node {node!r} properties (long -> int, double -> float, boolean)")
        edges = {e["id"]: e for e in data["edges"]}
        for source, target, key, attrs in g.edges(keys=True, data=True):
            got = edges.get(key)
            checks.that(got is not None, f"{tag}: edge key {key!r} became edge id {key!r}")
            checks.equal((got["source"], got["target"]), (source, target), f"{tag}: edge {key!r} ends")
            attrs = dict(attrs)
            if "type" in attrs:
                want_type = attrs.pop("type")
            elif "label" in attrs:
                want_type = attrs.pop("label")  # label gives the type and is then dropped
            else:
                want_type = "RELATED"
            checks.equal(got["type"], want_type, f"{tag}: edge {key!r} type")
            checks.equal(got["properties"], attrs, f"{tag}: edge {key!r} properties")

        # ... and back out: NewsGraph's GraphML of that graph, read by networkx again.
        again = work / f"networkx-{writer_name}-again.graphml"
        run([tool, "convert", str(out), "-o", str(again)], f"newsgraph convert {out.name} -o {again.name}")
        g2 = nx.read_graphml(again)
        for node, attrs in g.nodes(data=True):
            problems = compare_attributes(g2.nodes[node], dict(attrs), numeric=False)
            checks.that(not problems, f"{tag} -> networkx: node {node!r} attributes survive", "; ".join(problems))
        for source, target, key, attrs in g.edges(keys=True, data=True):
            want = dict(attrs)
            if "type" not in want:
                want["type"] = want.get("label", "RELATED")
            problems = compare_attributes(g2.edges[source, target, key], want, numeric=False)
            checks.that(not problems, f"{tag} -> networkx: edge {key!r} attributes survive", "; ".join(problems))

    # networkx's default integer keys repeat across node pairs (0, 1, 0, ...):
    # duplicate edge ids, which NewsGraph refuses with a located error.
    dup = nx.MultiDiGraph()
    dup.add_edge("a", "b", type="met")
    dup.add_edge("a", "b", type="said")
    dup.add_edge("b", "c", type="met")
    path = work / "networkx-int-keys.graphml"
    nx.write_graphml(dup, path)
    result = run([tool, "convert", str(path), "-o", str(work / "dup.json")], "newsgraph convert (duplicate edge ids)", expect_status=1)
    checks.that(
        "used twice" in result.stderr and f"{path}:" in result.stderr,
        "networkx integer edge keys (duplicate edge ids) are refused with FILE:LINE:COL",
        result.stderr.strip(),
    )

    # --- igraph -----------------------------------------------------------
    h = ig.Graph(directed=True)
    h.add_vertices(4)
    h.vs["id"] = ["kyiv", "cairo", "lima", "oslo"]
    h.vs["name"] = ["Київ", "القاهرة", "Lima & <Callao>", 'Oslo "Ø"']
    h.vs["population"] = [2952301, 10100166, 10092000, 709037]
    h.vs["area"] = [839.0, 3085.12, 2672.3, 454.0]
    h.vs["capital"] = [True, True, True, False]
    h.add_edges([(0, 1), (0, 1), (1, 2), (3, 3)])
    h.es["type"] = ["met", "talked_to", "said", "said"]
    h.es["weight"] = [1, 2, 3, 4]
    h.es["ok"] = [True, False, True, False]
    h.es["evidence"] = ["first & only", "«quoted»", "<tag/>", "self 🔁"]
    h["title"] = "igraph → newsgraph"
    path = work / "igraph.graphml"
    h.write_graphml(str(path))
    text = path.read_text(encoding="utf-8")
    checks.that('<node id="n0">' in text and 'attr.name="id"' in text,
                "igraph writes node ids n0.. and the original ids as data of key `id`")
    out = work / "igraph.json"
    run([tool, "convert", str(path), "-o", str(out)], "newsgraph convert (igraph)")
    data = json.loads(out.read_text(encoding="utf-8"))
    tag = "igraph -> newsgraph"
    checks.equal(data["directed"], True, f"{tag}: directed")
    checks.equal(len(data["nodes"]), h.vcount(), f"{tag}: node count")
    checks.equal(len(data["edges"]), h.ecount(), f"{tag}: edge count")
    checks.equal(data["graph"], {"title": h["title"]}, f"{tag}: graph attribute title")
    for index, node in enumerate(data["nodes"]):
        v = h.vs[index]
        checks.equal(node["id"], f"n{index}", f"{tag}: node {index} keeps igraph's GraphML id n{index}")
        want = {
            "id": v["id"],  # the original id survives as a property
            "name": v["name"],
            "population": float(v["population"]),  # igraph writes every number as double
            "area": float(v["area"]),
            "capital": v["capital"],
        }
        checks.equal(node["properties"], want, f"{tag}: node n{index} properties (ints arrive as floats)")
        checks.equal(node["labels"], [], f"{tag}: node n{index} has no labels")
    for index, edge in enumerate(data["edges"]):
        e = h.es[index]
        checks.equal(
            (edge["source"], edge["target"]),
            (f"n{e.source}", f"n{e.target}"),
            f"{tag}: edge {index} ends",
        )
        checks.equal(edge["id"], f"e{index}", f"{tag}: edge {index} without GraphML id gets e{index}")
        checks.equal(edge["type"], e["type"], f"{tag}: edge {index} type from key `type`")
        want = {"weight": float(e["weight"]), "ok": e["ok"], "evidence": e["evidence"]}
        checks.equal(edge["properties"], want, f"{tag}: edge {index} properties")
    raw = out.read_text(encoding="utf-8")
    checks.that('"weight": 1.0' in raw, f"{tag}: JSON writes igraph's double 1 as 1.0")

    # undirected igraph graph
    u = ig.Graph(directed=False)
    u.add_vertices(2)
    u.vs["name"] = ["a", "b"]
    u.add_edges([(0, 1), (0, 1)])
    path = work / "igraph-undirected.graphml"
    u.write_graphml(str(path))
    out = work / "igraph-undirected.json"
    run([tool, "convert", str(path), "-o", str(out)], "newsgraph convert (igraph undirected)")
    data = json.loads(out.read_text(encoding="utf-8"))
    checks.that(
        data["directed"] is False and len(data["edges"]) == 2,
        "igraph undirected multigraph -> newsgraph: directed false, both parallel edges",
        f"got directed={data['directed']!r}, {len(data['edges'])} edges",
    )


# ---------------------------------------------------------------------------
# Foreign fixtures of the test suite

FIXTURES = PROJECT_ROOT / "Tests" / "KGGraphMLTests" / "Fixtures" / "foreign"


def check_fixtures(checks: Checks, tool: str) -> None:
    expected_path = FIXTURES / "EXPECTED.json"
    if not expected_path.is_file():
        print(f"note: no {expected_path}; skipping the foreign fixtures")
        return
    expected_all = json.loads(expected_path.read_text(encoding="utf-8"))
    files = sorted(p.name for p in FIXTURES.glob("*.graphml"))
    listed = sorted(k for k in expected_all if not k.startswith("_"))
    checks.equal(files, listed, "fixtures: every foreign/*.graphml has an EXPECTED.json entry")
    for name in listed:
        want = expected_all[name]
        path = FIXTURES / name
        checks.that(path.stat().st_size < 4096, f"fixtures: {name} is under 4 KB")
        result = run([tool, "convert", str(path), "-o", "-", "--to", "json"], f"newsgraph convert {name}")
        data = json.loads(result.stdout)
        tag = f"fixtures: {name}"
        checks.equal(
            (len(data["nodes"]), len(data["edges"]), data["directed"]),
            (want["nodes"], want["edges"], want["directed"]),
            f"{tag}: nodes, edges, directed",
        )
        checks.equal([e["type"] for e in data["edges"]], want["edge_types"], f"{tag}: edge types")
        for kind, elements in (("node", data["nodes"]), ("edge", data["edges"])):
            spot = want.get(kind)
            if spot is None:
                continue
            found = [e for e in elements if e["id"] == spot["id"]]
            checks.that(len(found) == 1, f"{tag}: {kind} {spot['id']!r} present")
            got = found[0]
            problems = [
                f"{field}: expected {spot[field]!r}, got {got[field]!r}"
                for field in ("labels", "source", "target", "type")
                if field in spot and not same(got[field], spot[field])
            ]
            problems += compare_attributes(got["properties"], spot.get("properties", {}), numeric=False)
            checks.that(
                not problems,
                f"{tag}: {kind} {spot['id']!r} spot-check ({', '.join(spot.get('properties', {})) or 'no properties'})",
                "; ".join(problems),
            )


# ---------------------------------------------------------------------------
# Bugs this script found once; kept as regression checks


def check_regressions(tool: str, work: Path) -> list[str]:
    """Runs one check per reported bug, printing each; returns the failures."""
    failures: list[str] = []

    def convert(name: str, graph: dict) -> tuple[Path, subprocess.CompletedProcess]:
        source = work / f"{name}.json"
        target = work / f"{name}.graphml"
        source.write_text(json.dumps(graph), encoding="utf-8")
        return target, subprocess.run([tool, "convert", str(source), "-o", str(target)], capture_output=True, text=True)

    def report(description: str, problem: str | None) -> None:
        if problem:
            failures.append(f"{description}: {problem}")
            print(f"FAIL {description}: {problem}")
        else:
            print(f"ok  {description}")

    # 1. One property holding values of different kinds gives two keys with the
    #    same attr.name; igraph refuses such files.
    mixed = {"directed": True, "nodes": [
        {"id": "a", "labels": ["Person"], "properties": {"score": 1}},
        {"id": "b", "labels": ["Person"], "properties": {"score": 1.5}},
        {"id": "c", "labels": [], "properties": {"type": True}},
    ], "edges": []}
    path, _ = convert("regression-mixed", mixed)
    problem = None
    try:
        ig.Graph.Read_GraphML(str(path))
    except Exception as error:  # igraph raises InternalError
        problem = str(error).strip().splitlines()[-1]
    report("regression: a property with int and float values (or a boolean `type`) stays readable by igraph", problem)

    # 2. Property names that are not NMTOKENs are written verbatim as attr.name.
    spaced = {"directed": True, "nodes": [{"id": "a", "labels": [], "properties": {"shared name": "x"}}], "edges": []}
    path, _ = convert("regression-attr-name", spaced)
    check = subprocess.run([tool, "validate", "-q", str(path)], capture_output=True, text=True)
    report(
        "regression: property name with a space ('shared name') gives a file newsgraph validate accepts",
        None if check.returncode == 0 else check.stderr.strip().splitlines()[0],
    )

    # 3. Node ids that are not NMTOKENs: convert must refuse them or write a valid file.
    bad_id = {"directed": True, "nodes": [{"id": "bad id", "labels": [], "properties": {}}], "edges": []}
    path, result = convert("regression-node-id", bad_id)
    check = subprocess.run([tool, "validate", "-q", str(path)], capture_output=True, text=True)
    report(
        "regression: node id 'bad id' is refused by convert or written validly",
        None if result.returncode != 0 or check.returncode == 0
        else "convert exited 0 but the file is invalid: " + check.stderr.strip().splitlines()[0],
    )

    # 4. Generated edge ids can collide with later explicit ones.
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<graph edgedefault="directed"><node id="a"/><node id="b"/>\n'
        '<edge source="a" target="b"/>\n<edge id="e0" source="b" target="a"/>\n</graph></graphml>\n'
    )
    path = work / "regression-edge-ids.graphml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([tool, "convert", str(path), "-o", "-", "--to", "json"], capture_output=True, text=True)
    report(
        "regression: an edge without id followed by id=\"e0\" loads (2 edges)",
        None if result.returncode == 0 else result.stderr.strip(),
    )

    # 5. Round trip of labels with ':' and of properties named like derived keys.
    odd = {"directed": True, "nodes": [
        {"id": "a", "labels": ["Org:Sub"], "properties": {"labels": "kept"}},
        {"id": "b", "labels": ["Person"], "properties": {}},
    ], "edges": [{"id": "e1", "source": "a", "target": "b", "type": "met", "properties": {"type": "kept"}}]}
    path, _ = convert("regression-names", odd)
    back = subprocess.run([tool, "convert", str(path), "-o", "-", "--to", "json"], capture_output=True, text=True)
    data = json.loads(back.stdout)
    got = (data["nodes"][0]["labels"], data["nodes"][0]["properties"], data["edges"][0]["properties"])
    want = (["Org:Sub"], {"labels": "kept"}, {"type": "kept"})
    report(
        "regression: label 'Org:Sub', node property `labels` and edge property `type` survive a GraphML round trip",
        None if got == want else f"expected {want!r}, got {got!r}",
    )
    return failures


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--newsgraph",
        default=str(PROJECT_ROOT / ".build" / "debug" / "newsgraph"),
        help="the newsgraph binary (default: .build/debug/newsgraph under the project root)",
    )
    parser.add_argument(
        "--shared",
        default=str(PROJECT_ROOT.parent / "shared"),
        help="the shared material folder holding graphml-xsd/ (default: ../shared from the project root)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    if nx is None or ig is None:
        print("interop: FAILED: needs networkx and igraph (pip install networkx igraph)", file=sys.stderr)
        return 1
    tool = str(Path(args.newsgraph).absolute())
    if not os.access(tool, os.X_OK):
        print(f"interop: FAILED: no newsgraph binary at {tool}", file=sys.stderr)
        return 1
    shared = Path(args.shared).resolve()
    if not (shared / "graphml-xsd" / "graphml.xsd").is_file():
        print(f"interop: FAILED: no graphml-xsd/graphml.xsd under {shared}", file=sys.stderr)
        return 1

    checks = Checks()
    work = Path(tempfile.mkdtemp(prefix="newsgraph-interop-"))
    try:
        print(f"networkx {nx.__version__}, igraph {ig.__version__}, newsgraph {tool}")
        check_newsgraph_to_others(checks, tool, shared, work)
        check_others_to_newsgraph(checks, tool, work)
        check_fixtures(checks, tool)
    except CheckFailed as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        print(f"interop: FAILED after {checks.passed} checks passed (files in {work})", file=sys.stderr)
        return 1
    failures = check_regressions(tool, work)
    if failures:
        print(f"interop: {checks.passed} checks passed; {len(failures)} regression checks FAILED "
              f"(files in {work})", file=sys.stderr)
        return 1
    if args.keep:
        print(f"files kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"interop: {checks.passed} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
