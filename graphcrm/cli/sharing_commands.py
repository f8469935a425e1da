"""Commands that hand the graph on: ``map`` (the interactive page) and ``export``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from graphcrm.cli import cli
from graphcrm.cli.options import as_of_option, bid_of, lang_of
from graphcrm.export import EXPORT_FORMATS

# -- map --------------------------------------------------------------------------------------


@cli.command("map")
@click.argument("project", required=False)
@click.option("-o", "--output", "output", required=True, metavar="FILE.html",
              type=click.Path(dir_okay=False, path_type=Path), help="The page to write.")
@click.option("--paths", is_flag=True, help="Highlight the best path to each decision maker.")
@click.option("--redact", is_flag=True,
              help="Leave out notes, e-mail, phone and informant flags (safe to share).")
@click.option("--pseudonymize", is_flag=True,
              help="Also replace names with role labels (implies --redact).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also render a PNG through headless Chromium.")
@as_of_option
@click.pass_context
def map_command(ctx: click.Context, project: str | None, output: Path, paths: bool,
                redact: bool, pseudonymize: bool, png: Path | None,
                as_of: dt.date | None) -> None:
    """Write an interactive map: one self-contained HTML file that works offline.

    Without PROJECT, the whole network (by organization above 1,500 people).

    \b
    Examples:
      graphcrm map prj-js-ess -o jiangsu.html --paths
      graphcrm map prj-js-ess -o share.html --pseudonymize --png share.png
    """
    result = bid_of(ctx).map(project, paths=paths, redact=redact,
                     pseudonymize=pseudonymize, as_of=as_of, lang=lang_of(ctx))
    result.save(output)
    what = ("organizations", "links") if result.data["meta"]["aggregated"] else ("people", "ties")
    click.echo(f"{output}: {result.node_count} {what[0]}, {result.edge_count} {what[1]}")
    if png is not None:
        result.png(png)
        click.echo(f"{png}: picture of the map")


# -- export -----------------------------------------------------------------------------------


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="graphml",
              show_default=True, help="GraphML or GEXF (Gephi, Cytoscape), JSON (D3 node-link).")
@click.option("-o", "--output", "output", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The file to write.")
@click.option("--project", "-p", help="Only this project's neighbourhood.")
@click.option("--redact", is_flag=True, help="Leave out notes, e-mail, phone and informants.")
@as_of_option
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: Path, project: str | None,
                   redact: bool, as_of: dt.date | None) -> None:
    """The graph for Gephi, Cytoscape and other tools: names as labels, stance or
    organization kind as colours, ties weighted by how likely they pass a request today
    (or --as-of), KNOWS ties undirected.

    \b
    Examples:
      graphcrm export --format gexf -o bid.gexf
      graphcrm export --format json -o bid.json --project prj-js-ess --redact
    """
    path = bid_of(ctx).export(output, fmt, project=project, redact=redact, as_of=as_of)
    click.echo(f"{path}: {fmt}")
