"""What is still valid of a record that is not, so that its other fields are checked too.

A file whose date is wrong still names actors and quotes sources; a contributor should hear
about all of it in one run. ``salvage`` drops each field that failed validation (a whole entry
of a list when the failure is inside it, e.g. ``actors[1]``) and validates what is left against
a lenient copy of the model, in which every field may be missing and every list entry may be
None. The result is an instance of the model's class, used only by the cross-file checks and
never put in the Catalog: those checks skip a field that is None.
"""

from __future__ import annotations

import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError, create_model

_LENIENT: dict[type[BaseModel], type[BaseModel]] = {}


def _lenient(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with every field optional and every list entry allowed to be None.

    Field constraints are dropped with the field's metadata; that is safe because only values
    that already passed the strict model are validated here."""
    if model not in _LENIENT:
        fields: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            annotation = info.annotation
            if get_origin(annotation) is list:
                (item,) = get_args(annotation)
                annotation = list[typing.Optional[item]]  # noqa: UP045 - a runtime type
            fields[name] = (typing.Optional[annotation], None)  # noqa: UP045
        _LENIENT[model] = create_model(
            f"Partial{model.__name__}", __base__=model, __module__=__name__, **fields
        )
    return _LENIENT[model]


def salvage(model: type[BaseModel], data: dict[str, Any], locs: list[tuple[Any, ...]]) -> Any:
    """The valid part of ``data`` as an instance of (a lenient subclass of) ``model``, given
    the locations of its errors; None when nothing can be told apart."""
    kept = dict(data)
    for loc in locs:
        if not loc or not isinstance(loc[0], str):
            return None  # an error of the record as a whole
        name = loc[0]
        value = kept.get(name)
        if len(loc) > 1 and isinstance(loc[1], int) and isinstance(value, list):
            if loc[1] < len(value):
                value = list(value)
                value[loc[1]] = None
                kept[name] = value
        else:
            kept.pop(name, None)
    try:
        return _lenient(model).model_validate(kept)
    except ValidationError:
        return None


def present(items: list[Any] | None) -> list[tuple[int, Any]]:
    """(index, entry) of the entries of a list field that are valid (not None)."""
    return [(i, item) for i, item in enumerate(items or ()) if item is not None]
