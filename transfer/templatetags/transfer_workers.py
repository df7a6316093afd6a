"""`{% worker_warning %}`: the admin's warning that work is waiting and no worker is running."""

from django import template

from transfer.workers import waiting_without_worker

register = template.Library()


@register.inclusion_tag("admin/transfer/worker_warning.html")
def worker_warning() -> dict[str, str]:
    return {"waiting": waiting_without_worker()}
