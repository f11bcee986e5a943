"""A small ISO Schematron runner on Saxon's XPath (saxonche), for the XPath 2 (queryBinding
"xslt2") TBX-Basic rules: per pattern, each node is checked by the first rule whose context
matches it; every failed assert is returned."""

from __future__ import annotations

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"


def _select(context: str) -> str:
    # Rule contexts are XSLT patterns; as XPath they are matched anywhere in the document.
    return " | ".join("//" + part.strip() for part in context.split("|"))


def validate(schema_path: str, xml: bytes) -> list[str]:
    from saxonche import PySaxonProcessor

    sch = etree.parse(schema_path, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    failures: list[str] = []
    with PySaxonProcessor(license=False) as proc:
        xp = proc.new_xpath_processor()
        for ns in sch.iter(f"{{{SCH}}}ns"):
            xp.declare_namespace(ns.get("prefix"), ns.get("uri"))
        doc = proc.parse_xml(xml_text=xml.decode("utf-8"))
        for pattern in sch.iter(f"{{{SCH}}}pattern"):
            done: set[str] = set()
            for rule in pattern.iter(f"{{{SCH}}}rule"):
                xp.set_context(xdm_item=doc)
                nodes = xp.evaluate(_select(rule.get("context")))
                if nodes is None:
                    continue
                for i in range(nodes.size):
                    node = nodes.item_at(i)
                    xp.set_context(xdm_item=node)
                    key = xp.evaluate_single("generate-id(.)").string_value
                    if key in done:
                        continue
                    done.add(key)
                    for a in rule.iter(f"{{{SCH}}}assert"):
                        if not xp.effective_boolean_value(a.get("test")):
                            path = xp.evaluate_single("path(.)").string_value
                            failures.append(
                                f"{pattern.get('id')}: {path}: {' '.join((a.text or '').split())}"
                            )
    return failures
