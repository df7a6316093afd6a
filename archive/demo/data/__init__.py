"""The demo archive as plain Python data, one module per record family.

Records point to each other by slug (places, persons, documents…) and to sources by key; the
loader resolves those references. Nothing here imports Django, so the data reads like a catalogue.
"""
