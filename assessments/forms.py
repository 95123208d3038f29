from django import forms

from assessments.models import EVIDENCE_MAX_LENGTH
from assessments.rubric import skills as snapshot_skills
from roles.scale import HIGHEST_LEVEL, LEVEL_CHOICES, LOWEST_LEVEL

FIELD_PREFIXES = ("level-", "evidence-")


class RatingsForm(forms.Form):
    """One level (radio) and one evidence note per skill of a snapshot.

    Drafts may leave skills unrated; submitting needs a level for every skill. The
    template renders the radios by hand as one fieldset per skill.
    """

    def __init__(self, *args, snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = snapshot_skills(snapshot)
        for skill in self.skills:
            self.fields[f"level-{skill['slug']}"] = forms.TypedChoiceField(
                label=skill["name"],
                choices=LEVEL_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={
                    "invalid_choice": f"Choose one of the levels {LOWEST_LEVEL} to {HIGHEST_LEVEL}."
                },
            )
            self.fields[f"evidence-{skill['slug']}"] = forms.CharField(
                label=f"Evidence for {skill['name']}",
                required=False,
                max_length=EVIDENCE_MAX_LENGTH,
                error_messages={
                    "max_length": "Keep the evidence to %(limit_value)d characters or fewer "
                    "(it has %(show_value)d)."
                },
            )

    @classmethod
    def for_ratings(cls, ratings, *, snapshot):
        """An unbound form showing saved ``ratings`` (Rating rows) of ``snapshot``."""
        initial = {}
        for rating in ratings:
            initial[f"level-{rating.skill_slug}"] = rating.level
            initial[f"evidence-{rating.skill_slug}"] = rating.evidence
        return cls(initial=initial, snapshot=snapshot)

    @property
    def submitting(self):
        # Which button was pressed; anything but "submit" (or nothing: Enter in a field
        # of some browsers) only saves the draft, which is always safe.
        return self.is_bound and self.data.get("action") == "submit"

    def unknown_fields(self):
        """Posted answer fields that are not part of this rubric (a tampered form)."""
        return sorted(key for key in self.data if key.startswith(FIELD_PREFIXES) and key not in self.fields)

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for skill in self.skills:
                name = f"level-{skill['slug']}"
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(
                        name,
                        forms.ValidationError(
                            "Choose a level: every skill needs one before you submit.", code="incomplete"
                        ),
                    )
        return cleaned

    def only_incomplete(self):
        """True when the only problems are unrated skills on submit: an ordinary mistake
        the real form allows, unlike out-of-range levels or over-long notes (which its
        radios and maxlength prevent, so they come from a tampered request)."""
        return all(
            error.code == "incomplete" for errors in self.errors.as_data().values() for error in errors
        )

    def ratings(self):
        """{slug: (level or None, evidence)} from the cleaned data."""
        return {
            s["slug"]: (
                self.cleaned_data.get(f"level-{s['slug']}"),
                self.cleaned_data.get(f"evidence-{s['slug']}", ""),
            )
            for s in self.skills
        }

    def error_links(self):
        """(anchor, message) pairs for the error summary, in form order."""
        links = []
        for skill in self.skills:
            for kind, anchor in (
                ("level", f"id_level-{skill['slug']}_1"),
                ("evidence", f"id_evidence-{skill['slug']}"),
            ):
                for error in self.errors.get(f"{kind}-{skill['slug']}", []):
                    prefix = skill["name"] if kind == "level" else f"Evidence for {skill['name']}"
                    links.append((anchor, f"{prefix}: {error}"))
        return links

    def groups(self):
        """Skills by category, each with its options and current answers, for the template."""
        groups = []
        for skill in self.skills:
            level_field = self[f"level-{skill['slug']}"]
            value = level_field.value()
            item = {
                "skill": skill,
                "name": level_field.html_name,
                "selected": "" if value in (None, "") else str(value),
                "errors": level_field.errors,
                "evidence": self[f"evidence-{skill['slug']}"],
                "expected_text": next(
                    (lv for lv in skill["levels"] if lv["level"] == skill["expected"]), None
                ),
            }
            if not groups or groups[-1]["name"] != skill["category"]:
                groups.append({"name": skill["category"], "slug": skill["category_slug"], "items": []})
            groups[-1]["items"].append(item)
        return groups


class StartForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    prefill = forms.UUIDField(required=False, label="Prefill from")
