"""The clipboard: records and exhibits a visitor collects while reading (no account needed),
listed at /clipboard/, exported as CSV, BibTeX, RIS and CSL-JSON, and shared as a short public
link (/clipboard/<token>/). See docs/clipboard.md.

- `items`: what the clipboard holds (kind and id, kept in the session) and the public records
  and exhibits behind it, loaded in a fixed number of queries;
- `exports`: the downloads (the citation formats of public.cite, and CSV);
- `coins`: the COinS spans that let Zotero save every item of a list page at once;
- `views` and `urls`: the pages and the buttons' endpoints.
"""
