"""The search backends: the faceted statement both databases share (base) and each database's
text matching, ranking and snippets (postgres, sqlite)."""
