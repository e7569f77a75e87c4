"""Helpers for this app's templates: `{% load directions %}`."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def task_url(task) -> str:
    """The task's own page (built by the tasks app), or the assignments list until it exists."""
    try:
        return task.get_absolute_url()
    except NoReverseMatch:
        return reverse("directions:assignment_list") + f"?q={task.pk}"


@register.filter
def task_badge(code) -> str:
    return str(code or "")
