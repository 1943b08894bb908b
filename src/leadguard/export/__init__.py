"""Writing an approved export: the vendor's file format, written safely, and its manifest.

The export gate decides which leads may go to a vendor; :func:`write_export` writes those rows in
the layout of the vendor's import (CSV, Parquet, HubSpot, Mailchimp, Salesforce) and
:func:`write_manifest` records beside the file what was written.
"""

from leadguard.export.writers import (
    EXPORT_FORMATS,
    SAFE_COLUMNS,
    WrittenExport,
    neutralize_cell,
    vendor_frame,
    write_export,
    write_manifest,
)

__all__ = [
    "EXPORT_FORMATS",
    "SAFE_COLUMNS",
    "WrittenExport",
    "neutralize_cell",
    "vendor_frame",
    "write_export",
    "write_manifest",
]
