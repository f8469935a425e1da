"""Commands that hand the graph on: ``map`` (the interactive page) and ``export``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from graphcrm.cli import cli
from graphcrm.cli.options import as_of_option, bid_of, lang_of, project_argument
from graphcrm.domain import MAP_LAYOUTS, PAPERS
from graphcrm.export import EXPORT_FORMATS
from graphcrm.words import word

# -- map --------------------------------------------------------------------------------------


@cli.command("map")
@project_argument
@click.option("-o", "--output", "output", required=True, metavar="FILE.html",
              type=click.Path(dir_okay=False, path_type=Path), help="The page to write.")
@click.option("--paths", is_flag=True, help="Highlight the best path to each decision maker.")
@click.option("--redact", is_flag=True,
              help="Leave out notes, e-mail, phone and informant flags (safe to share).")
@click.option("--pseudonymize", is_flag=True,
              help="Also replace names with role labels (implies --redact).")
@click.option("--layout", type=click.Choice(MAP_LAYOUTS),
              help="orgchart: the customer's org chart with the bid drawn on it (a project's "
                   "default, and a one-project store's); network: everyone's ties (the "
                   "default without PROJECT when the store holds several).")
@click.option("--positions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A layout file saved by the page's \"Save layout\" (cards where you put "
                   "them), or an earlier map page: unchanged people keep their places. By "
                   "default the page -o writes over, when there is one.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also render a PNG (title, date, map, legend) through headless Chromium.")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path),
              help="Also print a one-page landscape PDF for slides through headless Chromium.")
@click.option("--paper", type=click.Choice(PAPERS), default="a4", show_default=True,
              help="The PDF's page: A4 landscape or a 16:9 slide.")
@click.option("--since", "since", metavar="SNAPSHOT",
              help="Mark each card with what changed for its person since this snapshot (or "
                   "date): new, stance up or down, roles changed; who left since stands "
                   "greyed where they stood.")
@click.option("--former", is_flag=True,
              help="The org chart also draws the people no longer in post, greyed where they "
                   "stood, with since when and their successor.")
@click.option("--all-people", is_flag=True,
              help="--png, --pdf and --pptx draw everyone of the page, not only the key people "
                   "(the stakeholders and their superiors, our people and the competitors' "
                   "tied to them).")
@click.option("--pptx", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the org chart as an editable 16:9 PowerPoint slide (WPS too): "
                   "a shape per card, connectors bound to the cards.")
@as_of_option
@click.pass_context
def map_command(ctx: click.Context, project: str | None, output: Path, paths: bool,
                redact: bool, pseudonymize: bool, layout: str | None, positions: Path | None,
                png: Path | None, pdf: Path | None, paper: str, since: str | None,
                former: bool,
                all_people: bool,
                pptx: Path | None, as_of: dt.date | None) -> None:
    """Write an interactive map: one self-contained HTML file that works offline.

    With PROJECT, the customer's org chart with the bid drawn on it; without, the whole
    network (by organization above 1,500 people).

    \b
    Examples:
      graphcrm map prj-js-ess -o jiangsu.html --paths
      graphcrm map prj-js-ess -o share.html --pseudonymize --png share.png
      graphcrm map prj-js-ess -o gate.html --positions graphcrm-layout.json --pdf gate.pdf
      graphcrm map prj-js-ess -o gate.html --pptx gate.pptx
    """
    if positions is None and output.is_file():  # last week's page: the same place every week
        from graphcrm.map.anchors import read_page

        positions = output if read_page(output) is not None else None
    result = bid_of(ctx).map(project, paths=paths, redact=redact,
                     pseudonymize=pseudonymize, as_of=as_of, lang=lang_of(ctx),
                     layout=layout, positions=positions, former=former, since=since)
    slide = result
    if (png or pdf or pptx) and not all_people and result.data["meta"]["layout"] == "orgchart":
        # the key people, where last week's slide had them (the page keeps their places)
        slide = bid_of(ctx).map(project, paths=paths, redact=redact,
                                pseudonymize=pseudonymize, as_of=as_of, lang=lang_of(ctx),
                                layout=layout, key_people=True, former=former,
                                since=since, positions=positions)
        result = result.keeping(slide)
    elif positions is not None and positions.suffix.lower() in (".html", ".htm"):
        from graphcrm.map.anchors import read_page

        # no slide this week: the page keeps the places of last week's
        result = result.keeping(read_page(positions, slide=True))
    result.save(output)
    lang = lang_of(ctx)
    nodes, edges = ("organizations", "links") if result.data["meta"]["aggregated"] \
        else ("people", "ties")
    click.echo(word("map.written", lang, file=output,
                    nodes=word(nodes, lang, n=result.node_count),
                    edges=word(edges, lang, n=result.edge_count)))
    if png is not None:
        slide.png(png)
        click.echo(word("map.written_png", lang, file=png))
    if pdf is not None:
        slide.pdf(pdf, paper)
        click.echo(word("map.written_pdf", lang, file=pdf, paper=paper))
    if pptx is not None:
        slide.pptx(pptx)
        click.echo(word("map.written_pptx", lang, file=pptx))


# -- export -----------------------------------------------------------------------------------


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              help="GraphML or GEXF (Gephi, Cytoscape), JSON (D3 node-link); default: from "
                   "the file's suffix, else GraphML.")
@click.option("-o", "--output", "output", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The file to write.")
@project_argument
@click.option("--redact", is_flag=True, help="Leave out notes, e-mail, phone and informants.")
@as_of_option
@click.pass_context
def export_command(ctx: click.Context, project: str | None, fmt: str | None, output: Path,
                   redact: bool, as_of: dt.date | None) -> None:
    """The graph for Gephi, Cytoscape and other tools: names as labels, stance or
    organization kind as colours, ties weighted by how likely they pass a request today
    (or --as-of). With PROJECT, only that project's neighbourhood. NetworkX reads every
    format back (read_graphml, read_gexf, node_link_graph).

    \b
    Examples:
      graphcrm export -o bid.gexf
      graphcrm export prj-js-ess -o bid.json --redact
    """
    path = bid_of(ctx).export(output, fmt, project=project, redact=redact, as_of=as_of)
    click.echo(word("cli.exported", lang_of(ctx), file=path, format=path.suffix.lstrip(".")))
