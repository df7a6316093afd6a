"""The JSON-LD <script> of a page (public.linked_data builds the data)."""

from django import template
from django.utils.safestring import SafeString

from public.linked_data import JSONDict, to_script

register = template.Library()


@register.filter
def json_ld_script(data: JSONDict | None) -> SafeString:
    """`{{ json_ld|json_ld_script }}`: the data in a script element, or nothing for None."""
    return to_script(data)
