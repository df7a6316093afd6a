"""What the API says about each kind of thing. Only public records are ever named: nested records
come from querysets filtered by archive.visibility (api.querysets), and single links to a record
(a portrait, a photographer, a prosecutor) go through `public_ref`, which drops what is not public.
"""
