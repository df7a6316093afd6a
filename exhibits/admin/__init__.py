"""The exhibit builder in the curators' admin.

Exhibit -> sections (drag to order) -> blocks (drag to order) -> gallery photographs and citations.
Dependencies point one way: sortable, history and display are helpers; exhibits, sections and
blocks register the admins, each importing only the helpers and the modules before it.
"""

from exhibits.admin import blocks, exhibits, featured, sections

__all__ = ["blocks", "exhibits", "featured", "sections"]
