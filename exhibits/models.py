"""Exhibits: narrative exhibits built from sections and ordered blocks (see issue 3)."""
