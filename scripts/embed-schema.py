#!/usr/bin/env python3
"""Copies schemas/newsgraph-graphml.xsd into Sources/KGGraphML/NewsGraphSchema.swift.

The binary carries the schema so `newsgraph validate` works wherever it is copied;
SchemaTests fails when the two differ. Run this after editing the schema.
"""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
schema = (root / "schemas" / "newsgraph-graphml.xsd").read_text(encoding="utf-8")
assert '"""#' not in schema
swift = (
    "/// The schema of the GraphML NewsGraph writes, compiled into the binary so that\n"
    "/// `newsgraph validate` works wherever the binary is copied.\n"
    "///\n"
    "/// Generated from `schemas/newsgraph-graphml.xsd` by `scripts/embed-schema.py`;\n"
    "/// a test checks that the two agree.\n"
    "enum NewsGraphSchema {\n"
    '  static let text = #"""\n' + schema + '\n"""#\n'
    "}\n"
)
(root / "Sources" / "KGGraphML" / "NewsGraphSchema.swift").write_text(swift, encoding="utf-8")
