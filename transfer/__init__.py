"""Curator import and export of records (CSV, XLSX) in the admin, with undoable import batches."""
