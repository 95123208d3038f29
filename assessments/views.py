import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from assessments import charts, exports, scoring, services
from assessments.forms import RatingsForm, StartForm
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Rating
from assessments.rubric import build_snapshot, has_changed
from careerpaths.pagecache import cached_page
from roles.models import Role

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _published_roles():
    return list(Role.objects.published().select_related("track").ladder_order())


def _get_own(request, pk, *, role=False, ratings=True):
    """The requesting user's assessment ``pk`` (with its ratings unless ``ratings`` is
    false), or 404 (also for others')."""
    queryset = Assessment.objects.for_user(request.user)
    if ratings:
        queryset = queryset.prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("id")))
    if role:
        queryset = queryset.select_related("role__track")
    try:
        return queryset.get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404("There is no assessment of yours at this address.") from None


def _parse_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _bad_request(request, message):
    return render(request, "400.html", {"message": message}, status=400)


@login_required
@require_safe
@cached_page
def assessment_list(request):
    # Queries: session, user, the user's assessments (without snapshots).
    assessments = list(Assessment.objects.for_user(request.user).without_rubric().newest_first())
    context = {
        "nav": "assessments",
        "submitted": [a for a in assessments if a.is_submitted],
        "drafts": sorted((a for a in assessments if a.is_draft), key=lambda a: a.updated_at, reverse=True),
    }
    return render(request, "assessments/list.html", context)


@login_required
@require_safe
def new(request):
    slug = request.GET.get("role", "").strip()[:120]
    if slug:
        if not SLUG.fullmatch(slug):
            raise Http404(f"There is no published role called “{slug}” to assess yourself against.")
        return redirect("assessments:start", slug=slug)
    groups = []
    for role in _published_roles():
        if not groups or groups[-1][0].pk != role.track_id:
            groups.append((role.track, []))
        groups[-1][1].append(role)
    return render(request, "assessments/new.html", {"nav": "assessments", "groups": groups})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, slug):
    role = Role.objects.published().select_related("track").filter(slug=slug).first()
    if role is None:
        raise Http404(f"There is no published role called “{slug[:120]}” to assess yourself against.")
    history = list(Assessment.objects.for_user(request.user).submitted().without_rubric().newest_first())
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
            user=request.user, role=role, prefill_from=prefill, token=form.cleaned_data["token"]
        )
        messages.success(request, f"Your {role.name} assessment has started. Save a draft at any time.")
        return redirect("assessments:edit", pk=assessment.pk)
    selected = None
    if "from" in request.GET:
        from_id = _parse_uuid(request.GET["from"])
        if from_id is None:
            return _bad_request(request, "The “from” address is not a valid assessment id.")
        selected = next((a for a in history if a.pk == from_id), None)
        if selected is None:
            raise Http404("There is no submitted assessment of yours to prefill from.")
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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    # A POST replaces the ratings wholesale, so a successful save never reads them first.
    assessment = _get_own(request, pk, ratings=request.method != "POST")
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
    if submit:
        messages.success(request, "Assessment submitted. Here is where you stand.")
        return redirect("assessments:result", pk=assessment.pk)
    messages.success(request, f"Draft saved at {timezone.localtime():%H:%M}.")
    return redirect("assessments:edit", pk=assessment.pk)


@login_required
@require_safe
@cached_page
def result(request, pk):
    assessment = _get_own(request, pk, role=True)
    if assessment.is_draft:
        return redirect("assessments:edit", pk=assessment.pk)
    ratings = scoring.ratings_of(assessment.ratings.all())
    evidence = {r.skill_slug: r.evidence for r in assessment.ratings.all()}
    score = scoring.score(assessment.rubric, ratings, evidence)
    live = build_snapshot(assessment.role) if assessment.role else None
    picker = _published_roles()
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "score": score,
        "chart": charts.BarChart(score.skills),
        "role_deleted": assessment.role is None,
        "rubric_changed": has_changed(assessment.rubric, live),
        "rubric_version": assessment.rubric_updated_at,
        "picker": [r for r in picker if r.slug != assessment.role_slug],
    }
    target_slug = request.GET.get("for", "").strip()[:120]
    if target_slug:
        target = next((r for r in picker if r.slug == target_slug), None)
        if target is None:
            raise Http404(f"There is no published role called “{target_slug}” to check your readiness for.")
        target_live = live if live and target.pk == assessment.role_id else build_snapshot(target)
        context["target"] = target
        context["rescore"] = scoring.rescore(ratings, target_live)
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
@cached_page
def progress(request):
    # Queries: session, user, submitted assessments (with snapshots), their ratings.
    history = _history(request.user)
    context = {"nav": "assessments", "history": history}
    if len(history) >= 2:
        rows = scoring.progress([(a.rubric, scoring.ratings_of(a.ratings.all())) for a in history])
        for row in rows:
            row["spark"] = charts.sparkline(row["levels"])
        labels = [f"{a.submitted_at:%d %b %Y}" for a in history]
        context.update(
            {
                "rows": rows,
                "readiness_chart": charts.LineChart([a.readiness for a in history], labels),
                "improved": sum(1 for r in rows if r["change"] and r["change"] > 0),
            }
        )
    return render(request, "assessments/progress.html", context)


@login_required
@require_safe
def compare(request):
    choices = list(Assessment.objects.for_user(request.user).submitted().without_rubric().newest_first())
    context = {"nav": "assessments", "choices": choices}
    a_raw, b_raw = request.GET.get("a"), request.GET.get("b")
    if a_raw is None and b_raw is None:
        if len(choices) >= 2:
            context["default_a"], context["default_b"] = choices[1].pk, choices[0].pk
        return render(request, "assessments/compare.html", context)
    ids = [_parse_uuid(a_raw or ""), _parse_uuid(b_raw or "")]
    if None in ids:
        context["error"] = "Choose two of your assessments to compare."
        return render(request, "assessments/compare.html", context, status=400)
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
            "default_a": first.pk,
            "default_b": second.pk,
            "summary": {d: sum(1 for r in rows if r["direction"] == d) for d in ("up", "down", "same")},
        }
    )
    return render(request, "assessments/compare.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    assessment = _get_own(request, pk)
    if request.method == "POST":
        name = assessment.role_name
        services.delete_assessment(assessment=assessment)
        messages.success(request, f"Your {name} assessment was deleted.")
        return redirect("assessments:list")
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
    assessment = _get_own(request, pk)
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
