"""Citations of the archive's pages and of its bibliography.

- `csl`: records, exhibits and sources as CSL-JSON items (the one mapping every format starts from).
- `styles`: formatted citations (Chicago notes-bibliography and author-date) by citeproc-py with the
  official CSL styles, with the workarounds that make it agree with citeproc-js.
- `formats`: CSL-JSON, BibTeX (pybtex) and RIS (rispy) downloads.
- `meta`: the Highwire Press meta tags that Zotero and Google Scholar read.
"""
