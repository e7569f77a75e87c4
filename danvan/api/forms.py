"""Plain records (registries and registers) are written through the pages' own ModelForms, so
every rule a form checks (required fields, choices, dates in order, the organisations a member
may record for) holds for the API too, without being written again.

JSON values are given to the form as Python values (dates, numbers, ids), which Django's form
fields accept as they are; a PATCH starts from the record's current values, a POST from the
model's defaults.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from danvan.core.audit import as_actor


def _plain(value):
    if isinstance(value, list | tuple):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


def save_form(
    form_class,
    payload: dict,
    *,
    actor,
    instance=None,
    creator_field=None,
    form_kwargs=None,
    parent: dict | None = None,
    save=None,
):
    """Validate `payload` with `form_class` (over `instance`'s values for a change) and save it
    as `actor`; refused input raises ValidationError with the form's messages per field.
    `parent` sets fields the page sets from its URL (a term's committee); `save(form)`, when
    given, saves instead of `form.save()` (the page's own service)."""
    form_fields = form_class.base_fields
    # A change starts from the record as it is; a new one from the model's defaults, as the
    # page's empty form does.
    base = instance if instance is not None else form_class._meta.model()
    current = model_to_dict(base, fields=list(form_fields))
    data = {name: _plain(value) for name, value in current.items()}
    unknown = set(payload) - set(form_fields)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    data.update({name: _plain(value) for name, value in payload.items()})
    # null clears a field, as an empty box on the page does.
    data = {name: "" if value is None else value for name, value in data.items()}
    form = form_class(data=data, instance=instance, **(form_kwargs or {}))
    if not form.is_valid():
        raise ValidationError(
            {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        )
    if instance is None and creator_field:
        setattr(form.instance, creator_field, actor)
    for name, value in (parent or {}).items():
        setattr(form.instance, name, value)
    if save is not None:
        return save(form)
    with as_actor(actor):
        return form.save()


def save_record(request, form_class, payload, *, perm: str, instance=None):
    """A register record (conference, model, situation, course) from the API: the same form as
    its page (`core.registers.OwnedRecordForm`: a member records for its own organisation
    only), the creator set as on the page, audited as the caller. `perm` is checked first:
    the app's add permission for a new record, its change permission on `instance`."""
    from django.core.exceptions import PermissionDenied

    if not request.auth.has_perm(perm, instance):
        raise PermissionDenied
    return save_form(
        form_class,
        payload.model_dump(exclude_unset=True),
        actor=request.auth,
        instance=instance,
        creator_field="created_by",
        form_kwargs={"user": request.auth} if _takes_user(form_class) else None,
    )


def _takes_user(form_class) -> bool:
    from danvan.core.registers import OwnedRecordForm

    return issubclass(form_class, OwnedRecordForm)
