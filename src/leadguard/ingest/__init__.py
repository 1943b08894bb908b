"""Ingest: reading prospect lists (CSV, LinkedIn, .xlsx, DataFrames) and mapping their columns."""

from __future__ import annotations

from leadguard.ingest.dates import parse_date, parse_dates
from leadguard.ingest.mapping import (
    CONSENT_CHANNELS,
    FIELDS,
    SOURCE_KINDS,
    ColumnMapping,
    ConsentColumn,
    detect_mapping,
    parse_consent,
    parse_source_kind,
)
from leadguard.ingest.readers import MAX_CELL_CHARS, RawTable, read_table

__all__ = [
    "CONSENT_CHANNELS",
    "FIELDS",
    "MAX_CELL_CHARS",
    "SOURCE_KINDS",
    "ColumnMapping",
    "ConsentColumn",
    "RawTable",
    "detect_mapping",
    "parse_consent",
    "parse_date",
    "parse_dates",
    "parse_source_kind",
    "read_table",
]
