"""Query strings of the role pages, read through forms bound to ``request.GET``.

The fields are lenient on purpose: junk degrades to "no match" or "nothing picked",
never to an error page, because these pages are linked and shared. Each form's
``cache_params()`` is the normalised query string that roles/caching.py keys pages on:
only the parameters the view reads, cleaned, in one order.
"""

from django import forms

MAX_PARAM_LENGTH = 100


def clean_text(value, max_length=MAX_PARAM_LENGTH):
    """Trim a query-string value to something safe to hand to PostgreSQL.

    PostgreSQL text cannot hold NUL bytes, and nothing we look up is longer than
    ``max_length``, so junk degrades to "no match" instead of an error.
    """
    return str(value).replace("\x00", "").strip()[:max_length]


class QueryText(forms.CharField):
    """One optional value, cleaned with ``clean_text`` (never invalid)."""

    def __init__(self, *, max_length=MAX_PARAM_LENGTH, **kwargs):
        self.max_chars = max_length
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return clean_text(value or "", self.max_chars)


class QueryTextList(forms.Field):
    """A repeated parameter (``?roles=a&roles=b``): cleaned values in the order given,
    empty ones and repeats dropped (never invalid)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        seen = []
        for item in value or []:
            item = clean_text(item)
            if item and item not in seen:
                seen.append(item)
        return seen


class RoleFilterForm(forms.Form):
    """The role list's search box and track filter.

    The search text is cut to ``MAX_PARAM_LENGTH`` (the page then says so) and its runs of
    whitespace made one space, so "head  of product" and "head of product" share a page.
    """

    q = QueryText()
    track = QueryText()

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    @property
    def q_shortened(self):
        """True when the search text was longer than the part searched."""
        raw = str(self.data.get("q") or "")
        return " ".join(clean_text(raw, max_length=len(raw)).split()) != self.cleaned_data["q"]

    def cache_params(self):
        params = [(name, self.cleaned_data[name]) for name in ("q", "track") if self.cleaned_data[name]]
        if self.q_shortened:  # the page says the text was cut: not the page of the cut text
            params.append(("shortened", "1"))
        return params


class CompareForm(forms.Form):
    """The roles to compare (first is the baseline) and the "only differences" switch."""

    roles = QueryTextList()
    only = QueryText()

    def clean_only(self):
        return self.cleaned_data["only"] == "differences"

    @property
    def picked(self):
        """True when the query string names ``roles`` at all (even empty)."""
        return "roles" in self.data

    def cache_params(self):
        # An empty ``roles=`` still counts: "pick at least two" differs from the bare picker.
        params = [("roles", slug) for slug in self.cleaned_data["roles"]] or (
            [("roles", "")] if self.picked else []
        )
        if self.cleaned_data["only"]:
            params.append(("only", "differences"))
        return params
