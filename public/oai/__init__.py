"""An OAI-PMH 2.0 data provider at /oai/: every public record of every kind as oai_dc.

Dependencies point one way: errors, datestamps <- arguments, tokens <- repository <- dc <- xml <-
views. `repository` decides what a harvester sees (through archive.visibility) and pages through
it by keyset; `dc` maps one record to Dublin Core; `xml` writes the protocol's envelope.
"""
