"""figure_timeline: every series over time in one interactive HTML report, and an overview PNG."""

import base64

import dagster as dg

from assets.metadata import markdown_table
from assets.partitions import partitions
from assets.resources import WarehouseResource
from pipelines import stages


@dg.asset(
    deps=["comparison_views"],
    group_name="reports",
    kinds={"python", "html"},
    owners=["team:headcount"],
    partitions_def=partitions(),
    code_version="2",
)
def figure_timeline(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Per series, the reported figures over time by origin (intervals as error bars, the
    qualifier visible, each point's source on hover), in warehouse/reports/index.html: one
    self-contained page whose charts the browser draws (plotly.js). The most reported series
    are also drawn into one overview PNG, shown here."""
    report = stages.render_figure_report(warehouse.settings)
    metadata: dict[str, dg.MetadataValue] = {
        "dagster/row_count": dg.MetadataValue.int(report.points),
        "series": dg.MetadataValue.int(report.series),
        "report": dg.MetadataValue.path(str(report.html)),
        "points": dg.MetadataValue.md(
            markdown_table(report.preview[["series_label", "reported_on", "figure_text"]], 20)
        ),
    }
    if report.overview_png is not None:
        encoded = base64.b64encode(report.overview_png.read_bytes()).decode("ascii")
        metadata["chart"] = dg.MetadataValue.md(
            f"![figures over time](data:image/png;base64,{encoded})"
        )
    return dg.MaterializeResult(metadata=metadata)
