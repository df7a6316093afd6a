"""The Bukharin demo archive: records as plain data, placeholder images, and the loader.

`data/` holds the records (every sentence of prose written for Vitrine from the facts of the
Wikipedia article "Nikolai Bukharin", which the demo cites), `images.py` draws the placeholder
photographs, and `loader.load_demo_archive()` writes it all in one transaction; `manage.py
load_demo` calls it.
"""
