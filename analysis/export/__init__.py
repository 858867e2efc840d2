"""Downloads, in two parts:

- :mod:`analysis.export.tables` — tables as formula-safe CSV (:func:`csv_bytes`, :func:`csv_text`: the
  app's downloads and every CSV the CLI writes) and XLSX (:func:`xlsx_bytes`); safe file and sheet names.
- :mod:`analysis.export.images` — figures as standalone HTML (:func:`figure_html`) and as PNG/SVG rendered
  server-side by a kaleido/Chromium service that is started explicitly (:func:`start_image_service`).

The names below are re-exported so ``from analysis.export import csv_bytes`` keeps working.
"""
from analysis.export.images import (PLOTLY_CONFIG, ImageService, figure_html, figure_png, figure_svg, find_chromium,
                                    image_export_status, image_problem, start_image_service, stop_image_service)
from analysis.export.tables import (FORMULA_PREFIXES, XLSX_MAX_CELL_CHARS, XLSX_MAX_COLS, XLSX_MAX_ROWS, csv_bytes,
                                    csv_text, is_formula_risk, neutralise, safe_filename, sheet_names, with_index,
                                    xlsx_bytes)

__all__ = [
    "PLOTLY_CONFIG", "ImageService", "figure_html", "figure_png", "figure_svg", "find_chromium",
    "image_export_status", "image_problem", "start_image_service", "stop_image_service",
    "FORMULA_PREFIXES", "XLSX_MAX_CELL_CHARS", "XLSX_MAX_COLS", "XLSX_MAX_ROWS", "csv_bytes", "csv_text",
    "is_formula_risk", "neutralise", "safe_filename", "sheet_names", "with_index", "xlsx_bytes",
]
