"""IIIF for the archive: the Image API 3.0 (level 2) over photograph originals and document page
images, and Presentation API 3.0 manifests and exhibit collections.

- sources.py: which image an IIIF identifier names, and whether this viewer may see it
  (through archive.visibility, like every public surface);
- request.py: image requests parsed and sized as the specification says (Vitrine's own parser);
- image_api.py: image information (info.json) and image requests, read from the deep-zoom tiles
  made at ingest (archive.tiles) or drawn with Pillow from the storage API;
- throttle.py: bounds on drawing — render slots shared by every process, a rate limit per client;
- presentation.py: manifests (one per photograph, one per document with page images) and a
  collection per exhibit;
- views.py / urls.py: the HTTP side (CORS, content types, 400 with a reason, 404 when hidden).
"""
