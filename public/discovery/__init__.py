"""How machines find the public site: sitemaps (sitemaps.org), an Atom feed of what is newly
published, and robots.txt. Every list here comes from archive.visibility."""
