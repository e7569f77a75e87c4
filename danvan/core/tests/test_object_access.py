"""Object-level access, for every kind of object, found automatically.

With the full demo loaded, every model whose manager has `visible_to(user)` and whose objects
have a page (`get_absolute_url`) is checked: for each persona, a few objects outside what they
may see are requested at their page and at every page under it (edit, steps, exports…), by GET
and by POST; each must answer 404 (405 to the method a page does not take), so nothing about another organisation's work leaks, not even
its existence. Their files answer 404 too, and the site search does not list them.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from danvan.core.testing import PERSONAS

PER_MODEL = 3


def _routes(resolver=None, prefix="", namespace=""):
    """(full route, url name) of every pattern of the site."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.extend(_routes(entry, route, ns))
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((route, f"{namespace}{entry.name}"))
    return found


def _pages_of(url: str, routes) -> list[str]:
    """The object's page and every page whose route extends it with the same arguments."""
    match = resolve(url.split("#")[0].split("?")[0])
    kwargs = match.kwargs
    pages = []
    for route, name in routes:
        if not route.startswith(match.route):
            continue
        try:
            pages.append(reverse(name, kwargs=kwargs))
        except Exception:  # noqa: S112 - the route needs other arguments: not a page of this object
            continue
    return sorted(set(pages))


def _checked_models():
    models = []
    for model in apps.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        manager = model._default_manager
        if hasattr(manager, "visible_to") and hasattr(model, "get_absolute_url"):
            models.append(model)
    return models


@pytest.fixture
def demo(db):
    from danvan.accounts.models import User
    from danvan.core.demo import load_all
    from danvan.orgs.demo import demo_org
    from danvan.tasks.services import create_task

    load_all(lambda line: None)
    # Work each organisation keeps to itself, whatever the apps' demos hold: a draft task
    # of two members and of a district.
    office = User.objects.get(username="thuongtruc")
    for key in ("MTTQ", "HND", "Vĩnh Tường"):
        org = demo_org(key)
        create_task(
            acting_user=office,
            title=f"Nhiệm vụ nội bộ của {org.short_name}",
            lead=org,
            owner=org,
            is_published=False,
        )


def test_another_organisations_objects_answer_404_everywhere(demo):
    from danvan.accounts.models import User
    from danvan.core.models import Attachment

    routes = _routes()
    leaks: list[str] = []
    checked: dict[str, int] = defaultdict(int)
    for persona in PERSONAS:
        user = User.objects.get(username=persona)
        client = Client()
        client.force_login(user)
        for model in _checked_models():
            manager = model._default_manager
            visible = manager.visible_to(user).values("pk")
            hidden = manager.exclude(pk__in=visible).order_by("pk")[:PER_MODEL]
            for obj in hidden:
                try:
                    url = obj.get_absolute_url()
                except Exception:  # noqa: S112 - an object without a page of its own
                    continue
                if url.split("#")[0].split("?")[0] in ("", "/"):
                    continue
                for page in _pages_of(url, routes):
                    checked[model._meta.label] += 1
                    answers = {m: getattr(client, m)(page).status_code for m in ("get", "post")}
                    # 405 (a page that only reads, or only takes a POST) is answered before any
                    # lookup, the same whether the object exists; the other method must be 404.
                    if not set(answers.values()) <= {404, 405} or 404 not in answers.values():
                        leaks.append(
                            f"{persona} {page} ({model._meta.label} #{obj.pk}): "
                            f"GET {answers['get']}, POST {answers['post']}"
                        )
            hidden_ids = list(manager.exclude(pk__in=visible).values_list("pk", flat=True)[:200])
            for item in Attachment.objects.filter(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=hidden_ids,
            )[:PER_MODEL]:
                response = client.get(item.get_absolute_url())
                checked["core.Attachment"] += 1
                if response.status_code != 404:
                    leaks.append(f"{persona} file {item.name}: {response.status_code}")
    assert not leaks, "Objects of others reachable:\n" + "\n".join(leaks)
    # Some models' objects are all visible to everyone (registries): that is fine, but the
    # check must have found work of one organisation hidden from another somewhere.
    assert checked["tasks.Task"] > 0, dict(checked)


def test_search_never_lists_what_a_user_may_not_see(demo):
    from danvan.accounts.models import User
    from danvan.core.models import IndexedModel

    leaks = []
    for persona in ("mttq", "vinhtuong", "xem"):
        user = User.objects.get(username=persona)
        client = Client()
        client.force_login(user)
        for model in _checked_models():
            if not issubclass(model, IndexedModel):
                continue
            manager = model._default_manager
            hidden = manager.exclude(pk__in=manager.visible_to(user).values("pk"))
            for obj in hidden.order_by("pk")[:2]:
                words = " ".join(obj.search_text.split()[:4])
                if not words:
                    continue
                body = client.get(reverse("core:search"), {"q": words}).content.decode()
                url = obj.get_absolute_url()
                if f'href="{url}"' in body:
                    leaks.append(f"{persona} finds {model._meta.label} #{obj.pk} by {words!r}")
    assert not leaks, "\n".join(leaks)
