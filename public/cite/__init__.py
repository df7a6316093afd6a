"""Citations of the archive's pages and of its bibliography.

- `csl`: records, exhibits and sources as CSL-JSON items (the one mapping every format starts from).
- `pages`: a public page's item and the sources it cites.
- `styles`: formatted citations (Chicago notes-bibliography and author-date) by citeproc-js in a
  Node.js process, with the official CSL styles; run only by the task worker and commands.
- `stored`: the formatted text pages show, stored (FormattedCitation) and filled in per visit;
  `refresh` and `signals`: what each page formats, queued when what it cites is saved.
- `box`, `notes`: the "Cite this page" box and a page's numbered notes.
- `formats`: CSL-JSON, BibTeX (pybtex) and RIS (rispy) downloads.
"""
