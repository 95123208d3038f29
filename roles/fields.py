"""A list of short texts stored as a PostgreSQL array and edited as one item per line."""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.forms import SimpleArrayField


class LinesFormField(SimpleArrayField):
    """A textarea in which each non-blank line is one item (browsers send CRLF line ends)."""

    def __init__(self, base_field, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.pop("delimiter", None)
        super().__init__(base_field, delimiter="\n", **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
        return super().to_python(value)


class LinesField(ArrayField):
    """An ArrayField whose form field is a textarea with one item per line."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LinesFormField, **kwargs})
