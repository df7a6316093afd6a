"""Whole-archive export and import: every archive and exhibit row, their revision history and
their media files, in a versioned, documented format other tools can read (see README,
"Archive export format").

`layout` says what the format holds, `containers` reads and writes it as a directory or a zip,
`exporter` streams the database out, `importer` loads it into an empty database, all or nothing.
"""
