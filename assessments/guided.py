"""The guided assessment: a task list, one page per skill, and "Check your answers".

Every page saves through the same service as the one-page form (services.save_ratings);
only the owner (an account, or a visitor's session) sees a draft (assessments.access.get_owned:
404 for anyone else), and a submitted assessment's pages redirect to its result, as the
one-page form does.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from assessments import services, steps
from assessments.access import get_owned
from assessments.forms import ReturnForm, SkillRatingForm, choose_a_level
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment


def _submitted(request, assessment):
    messages.info(request, "This assessment is submitted and can no longer change. Re-assess to rate again.")
    return redirect("assessments:result", pk=assessment.pk)


def _skill_url(assessment, skill, *, to_check=False):
    url = reverse("assessments:skill", kwargs={"pk": assessment.pk, "skill_slug": skill["slug"]})
    return f"{url}?return=check" if to_check else url


@require_safe
def tasks(request, pk):
    # Queries: session, user, the assessment, its ratings.
    assessment = get_owned(request, pk)
    if assessment.is_submitted:
        return _submitted(request, assessment)
    skills = assessment.skills()
    saved = steps.answers(assessment.ratings.all())
    upcoming = steps.next_unrated(skills, saved)
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "groups": steps.task_groups(skills, saved),
        "rated": steps.rated_count(skills, saved),
        "total": len(skills),
        "next_skill": upcoming,
        "next_url": _skill_url(assessment, upcoming) if upcoming else None,
    }
    return render(request, "assessments/tasks.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def skill(request, pk, skill_slug):
    # Queries (GET): session, user, the assessment, its ratings.
    assessment = get_owned(request, pk)
    if assessment.is_submitted:
        return _submitted(request, assessment)
    skills = assessment.skills()
    index = next((i for i, s in enumerate(skills) if s["slug"] == skill_slug), None)
    if index is None:
        raise Http404("This assessment has no skill at this address.")
    current = skills[index]
    saved = steps.answers(assessment.ratings.all())
    to_check = ReturnForm(request.GET).to_check
    status = 200
    if request.method == "POST":
        form = SkillRatingForm(request.POST, skill=current)
        if form.is_valid():
            level, evidence = form.cleaned_data["level"], form.cleaned_data["evidence"]
            try:
                services.save_rating(
                    assessment=assessment, skill_slug=current["slug"], level=level, evidence=evidence
                )
            except services.AlreadySubmitted:
                return _submitted(request, assessment)
            except Assessment.DoesNotExist:  # deleted meanwhile (another tab, or the visitor cleanup)
                raise Http404("There is no assessment of yours at this address.") from None
            if not request.user.is_authenticated:
                request.session.modified = True  # a visitor's session lasts while they answer
            saved[current["slug"]] = (level, evidence)
            upcoming = None if to_check else steps.next_unrated(skills, saved, after=current["slug"])
            if upcoming is None:
                return redirect("assessments:check", pk=assessment.pk)
            return redirect(_skill_url(assessment, upcoming))
        status = 400
    else:
        level, evidence = saved.get(current["slug"], (None, ""))
        form = SkillRatingForm(skill=current, initial={"level": level, "evidence": evidence})

    shown, hidden = steps.level_window(current)
    selected = form["level"].value()
    selected = "" if selected in (None, "") else str(selected)
    if to_check:
        back_url = reverse("assessments:check", kwargs={"pk": assessment.pk})
    elif index:
        back_url = _skill_url(assessment, skills[index - 1])
    else:
        back_url = reverse("assessments:tasks", kwargs={"pk": assessment.pk})
    error_links = form.error_links() if form.is_bound else []
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "skill": current,
        "form": form,
        "error_links": error_links,
        "level_errors": form["level"].errors if form.is_bound else [],
        "shown": shown,
        "hidden": hidden,
        "selected": selected,
        # The saved or chosen answer is one of the folded levels: show them.
        "open_hidden": any(str(lv["level"]) == selected for lv in hidden),
        "expected_text": next((lv for lv in current["levels"] if lv["level"] == current["expected"]), None),
        "position": index + 1,
        "rated": steps.rated_count(skills, saved),
        "total": len(skills),
        "back_url": back_url,
        "action": _skill_url(assessment, current, to_check=to_check),
        "evidence_max": EVIDENCE_MAX_LENGTH,
    }
    return render(request, "assessments/skill.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def check(request, pk):
    # Queries (GET): session, user, the assessment, its ratings.
    assessment = get_owned(request, pk)
    if assessment.is_submitted:
        if request.method == "POST":  # a second click on Submit: the first one did it
            messages.info(request, "This assessment was already submitted.")
            return redirect("assessments:result", pk=assessment.pk)
        return _submitted(request, assessment)
    skills = assessment.skills()
    saved = steps.answers(assessment.ratings.all())
    error_links = []
    status = 200
    if request.method == "POST":
        try:
            services.submit_saved(assessment=assessment)
        except Assessment.DoesNotExist:  # deleted meanwhile (another tab, or the visitor cleanup)
            raise Http404("There is no assessment of yours at this address.") from None
        except services.AlreadySubmitted:
            messages.info(request, "This assessment was already submitted.")
            return redirect("assessments:result", pk=assessment.pk)
        except services.IncompleteSubmission as incomplete:
            missing = set(incomplete.missing)
            error_links = [
                (_skill_url(assessment, s, to_check=True), choose_a_level(s["name"]))
                for s in skills
                if s["slug"] in missing
            ]
            status = 400
        else:
            messages.success(request, "Assessment submitted. Here is where you stand.")
            return redirect("assessments:result", pk=assessment.pk)
    context = {
        "nav": "assessments",
        "assessment": assessment,
        "groups": steps.task_groups(skills, saved),
        "rated": steps.rated_count(skills, saved),
        "total": len(skills),
        "error_links": error_links,
    }
    return render(request, "assessments/check.html", context, status=status)
