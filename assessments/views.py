import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_safe

from assessments import charts, exports, results, scoring, services, tables
from assessments.access import ensure_visitor_key, get_owned, owned_by, owner
from assessments.forms import (
    AssessmentPairForm,
    PrefillForm,
    RatingsForm,
    ReadinessForm,
    RolePickForm,
    SlugParam,
    StartForm,
)
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Rating
from assessments.rubric import build_snapshot
from plans.services import offer_evidence
from roles import queries
from roles.models import Role
from roles.tables import change_css


def _published_roles():
    return list(Role.objects.published().select_related("track").ladder_order())


def _bad_request(request, message):
    return render(request, "400.html", {"message": message}, status=400)


@login_required
@require_safe
def assessment_list(request):
    # Queries: session, user, the user's assessments (without snapshots).
    assessments = list(Assessment.objects.for_user(request.user).without_rubric().newest_first())
    context = {
        "nav": "assessments",
        "submitted": [a for a in assessments if a.is_submitted],
        "drafts": sorted((a for a in assessments if a.is_draft), key=lambda a: a.updated_at, reverse=True),
    }
    return render(request, "assessments/list.html", context)


@require_safe
def new(request):
    form = RolePickForm(request.GET)
    if not form.is_valid():
        shown = SlugParam.shown(request.GET, "role")
        raise Http404(f"There is no published role called “{shown}” to assess yourself against.")
    if form.cleaned_data["role"]:
        return redirect("assessments:start", slug=form.cleaned_data["role"])
    groups = []
    for role in _published_roles():
        if not groups or groups[-1][0].pk != role.track_id:
            groups.append((role.track, []))
        groups[-1][1].append(role)
    return render(request, "assessments/new.html", {"nav": "assessments", "groups": groups})


# Open to visitors: their assessment belongs to their session until they sign up (access.py).
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, slug):
    role = Role.objects.published().select_related("track").filter(slug=slug).first()
    if role is None:
        raise Http404(f"There is no published role called “{slug[:120]}” to assess yourself against.")
    history = list(owned_by(request).submitted().without_rubric().newest_first())
    if request.method == "POST":
        form = StartForm(request.POST)
        if not form.is_valid():
            return _bad_request(request, "The start form was incomplete or changed; please start again.")
        prefill = None
        if form.cleaned_data["prefill"]:
            prefill = next((a for a in history if a.pk == form.cleaned_data["prefill"]), None)
            if prefill is None:
                raise Http404("There is no submitted assessment of yours to prefill from.")
        assessment = services.start_assessment(
            **owner(request), role=role, prefill_from=prefill, token=form.cleaned_data["token"]
        )
        offered = offer_evidence(assessment=assessment)
        if form.cleaned_data["mode"] == "page":
            messages.success(request, f"Your {role.name} assessment has started. Save a draft at any time.")
            if offered:
                messages.info(
                    request, "Done actions from your plan are in the evidence notes: edit them freely."
                )
            return redirect("assessments:edit", pk=assessment.pk)
        messages.success(
            request, f"Your {role.name} assessment has started. Every answer is saved as you go."
        )
        if offered:
            messages.info(request, "Done actions from your plan are in the evidence notes: edit them freely.")
        return redirect("assessments:tasks", pk=assessment.pk)
    selected = None
    if "from" in request.GET:
        prefill = PrefillForm(request.GET)
        if not prefill.is_valid():
            return _bad_request(request, "The “from” address is not a valid assessment id.")
        selected = next((a for a in history if a.pk == prefill.cleaned_data["from"]), None)
        if selected is None:
            raise Http404("There is no submitted assessment of yours to prefill from.")
    if not request.user.is_authenticated:
        # The key (and session) exists before the POST, so a double-clicked Start finds one owner.
        ensure_visitor_key(request)
    context = {
        "nav": "assessments",
        "role": role,
        "skill_count": role.expectations.count(),
        "history": history,
        "selected": selected,
        "token": uuid.uuid4(),
    }
    return render(request, "assessments/start.html", context)


def _render_form(request, assessment, form, status=200):
    rated = sum(1 for r in assessment.ratings.all() if r.level)
    error_links = form.error_links() if form.is_bound else []
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "form": form,
        "groups": form.groups(),
        "error_links": error_links,
        "error_count": len(error_links) + (len(form.non_field_errors()) if form.is_bound else 0),
        "evidence_max": EVIDENCE_MAX_LENGTH,
        "skill_total": len(form.skills),
        "rated": rated,
    }
    return render(request, "assessments/form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    # A POST replaces the ratings wholesale, so a successful save never reads them first.
    assessment = get_owned(request, pk, ratings=request.method != "POST")
    if assessment.is_submitted:
        messages.info(
            request, "This assessment is submitted and can no longer change. Re-assess to rate again."
        )
        return redirect("assessments:result", pk=assessment.pk)
    if request.method != "POST":
        form = RatingsForm.for_ratings(assessment.ratings.all(), snapshot=assessment.rubric)
        return _render_form(request, assessment, form)

    form = RatingsForm(request.POST, snapshot=assessment.rubric)
    unknown = form.unknown_fields()
    if unknown:
        form.is_valid()
        form.add_error(
            None,
            "The form contained answers for skills that are not part of this assessment, so nothing was saved.",
        )
        return _render_form(request, assessment, form, status=400)
    if not form.is_valid():
        return _render_form(request, assessment, form, status=200 if form.only_incomplete() else 400)
    submit = form.submitting
    try:
        services.save_ratings(assessment=assessment, ratings=form.ratings(), submit=submit)
    except services.AlreadySubmitted:
        messages.info(request, "This assessment was already submitted.")
        return redirect("assessments:result", pk=assessment.pk)
    except Assessment.DoesNotExist:  # deleted meanwhile (another tab, or the visitor cleanup)
        raise Http404("There is no assessment of yours at this address.") from None
    if submit:
        messages.success(request, "Assessment submitted. Here is where you stand.")
        return redirect("assessments:result", pk=assessment.pk)
    if not request.user.is_authenticated:
        request.session.modified = True  # a visitor's session lasts while they work on the draft
    messages.success(request, f"Draft saved at {timezone.localtime():%H:%M}.")
    return redirect("assessments:edit", pk=assessment.pk)


@require_safe
def result(request, pk):
    assessment = get_owned(request, pk, role=True, ratings=False)
    if assessment.is_draft:
        return redirect("assessments:edit", pk=assessment.pk)
    readiness = ReadinessForm(request.GET)
    target_slug = (
        readiness.cleaned_data["for"] if readiness.is_valid() else SlugParam.shown(request.GET, "for")
    )
    body = results.ResultBody(assessment)
    # Outside the cached fragments: the live rubric (to spot changes) and the live ladder.
    live = build_snapshot(assessment.role) if assessment.role else None
    picker = queries.published_roles(next_of=assessment.role_id)
    following = results.next_role(picker, assessment.role)
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "fragment_timeout": results.RESULT_FRAGMENT_TIMEOUT,
        "score": SimpleLazyObject(lambda: body.score),
        "table": SimpleLazyObject(lambda: body.table),
        "chart": SimpleLazyObject(lambda: body.chart),
        "rubric_notice": results.rubric_notice(assessment.rubric, live),
        "rubric_version": assessment.rubric_updated_at,
        "person_name": results.person_name(request.user),
        "next_role": following,
        "picker": [r for r in picker if r["slug"] != assessment.role_slug],
        "visitor_days": settings.VISITOR_DRAFT_DAYS,
        "selected": target_slug or (following["slug"] if following else ""),
    }
    if target_slug:
        target = next((r for r in picker if r["slug"] == target_slug), None)
        if target is None:
            raise Http404(f"There is no published role called “{target_slug}” to check your readiness for.")
        if live and target["id"] == assessment.role_id:
            target_live = live
        else:
            target_live = build_snapshot(Role.objects.select_related("track").get(pk=target["id"]))
        rescore = scoring.rescore(scoring.ratings_of(body.ratings), target_live)
        context.update(
            {
                "target": target,
                "rescore": rescore,
                "rescore_table": tables.rescore_table(rescore, target["name"]),
            }
        )
    return render(request, "assessments/result.html", context)


def _history(user):
    """The user's submitted assessments, oldest first, with ratings (2 queries)."""
    return list(
        Assessment.objects.for_user(user)
        .submitted()
        .chronological()
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("id")))
    )


@login_required
@require_safe
def progress(request):
    # Queries: session, user, submitted assessments (with snapshots), their ratings.
    history = _history(request.user)
    context = {"nav": "assessments", "history": history}
    if len(history) >= 2:
        rows = scoring.progress([(a.rubric, scoring.ratings_of(a.ratings.all())) for a in history])
        for row in rows:
            row["spark"] = charts.sparkline(row["levels"])
            row["change_css"] = change_css(row["change"])
        when = [timezone.localtime(a.submitted_at) for a in history]
        chart = charts.ReadinessChart(
            [(a.role_slug, a.role_name, w, a.readiness) for a, w in zip(history, when, strict=True)]
        )
        columns = [
            {"iso": w.isoformat(), "date": label, "role": a.role_name}
            for a, w, label in zip(history, when, chart.labels, strict=True)
        ]
        context.update(
            {
                "rows": rows,
                "columns": columns,
                "readiness_chart": chart,
                "readiness_rows": [
                    {"assessment": a, "iso": c["iso"], "label": c["date"]}
                    for a, c in zip(history, columns, strict=True)
                ],
                "improved": sum(1 for r in rows if r["change"] and r["change"] > 0),
            }
        )
    return render(request, "assessments/progress.html", context)


@login_required
@require_safe
def compare(request):
    choices = list(Assessment.objects.for_user(request.user).submitted().without_rubric().newest_first())
    context = {"nav": "assessments", "choices": choices}
    if "a" not in request.GET and "b" not in request.GET:
        if len(choices) >= 2:
            context["default_a"], context["default_b"] = choices[1].pk, choices[0].pk
        return render(request, "assessments/compare.html", context)
    picked = AssessmentPairForm(request.GET)
    if not picked.is_valid():
        context["error"] = "Choose two of your assessments to compare."
        return render(request, "assessments/compare.html", context, status=400)
    ids = [picked.cleaned_data["a"], picked.cleaned_data["b"]]
    if ids[0] == ids[1]:
        context["error"] = "Choose two different assessments to compare."
        context["default_a"] = context["default_b"] = ids[0]
        return render(request, "assessments/compare.html", context, status=400)
    owned = {a.pk for a in choices}
    if not all(i in owned for i in ids):
        raise Http404("There is no submitted assessment of yours with that id.")
    pair = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("ratings", queryset=Rating.objects.order_by("id"))
        )
    }
    first, second = sorted((pair[i] for i in ids), key=lambda a: a.submitted_at)
    rows = scoring.changes(
        (first.rubric, scoring.ratings_of(first.ratings.all())),
        (second.rubric, scoring.ratings_of(second.ratings.all())),
    )
    context.update(
        {
            "first": first,
            "second": second,
            "rows": rows,
            "table": tables.changes_table(rows, _dated(first), _dated(second)),
            "default_a": first.pk,
            "default_b": second.pk,
            "summary": {d: sum(1 for r in rows if r["direction"] == d) for d in ("up", "down", "same")},
        }
    )
    return render(request, "assessments/compare.html", context)


def _dated(assessment):
    """An assessment as a column heading: "Role, 3 Mar 2026"."""
    return (
        f"{assessment.role_name}, {dateformat.format(timezone.localtime(assessment.submitted_at), 'j M Y')}"
    )


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    assessment = get_owned(request, pk)
    if request.method == "POST":
        name = assessment.role_name
        services.delete_assessment(assessment=assessment)
        messages.success(request, f"Your {name} assessment was deleted.")
        return redirect("assessments:list" if request.user.is_authenticated else "assessments:new")
    return render(request, "assessments/delete.html", {"nav": "assessments", "assessment": assessment})


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def export_json(request):
    return _download(
        exports.to_json(exports.user_document(request.user)),
        "application/json; charset=utf-8",
        "career-paths-assessments.json",
    )


@login_required
@require_safe
def export_one_json(request, pk):
    assessment = get_owned(request, pk)
    return _download(
        exports.to_json(exports.record(assessment)),
        "application/json; charset=utf-8",
        f"assessment-{assessment.pk}.json",
    )


@login_required
@require_safe
def export_csv(request):
    response = _download("", "text/csv; charset=utf-8", "career-paths-assessments.csv")
    exports.write_csv(response, request.user)
    return response
