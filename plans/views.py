"""The growth plan at /plan/: every view is the signed-in owner's, every change a POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from assessments.access import get_owned
from plans import services
from plans.forms import ActionForm, AddToPlanForm, GoalForm, MoveForm, RhythmForm
from plans.models import MAX_ACTIVE, Action, FocusItem
from plans.pages import plan_context
from roles.models import Role

# A focus item is a handful of concrete steps, not a backlog.
MAX_ACTIONS = 20


def _bad_request(request, message):
    return render(request, "400.html", {"message": message}, status=400)


def _plan_with_errors(request, key, form):
    return render(request, "plans/plan.html", plan_context(request.user, bound={key: form}), status=400)


def _back_to_plan(anchor=""):
    response = redirect("plans:plan")
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# Ids beyond PostgreSQL's bigint would fail in the query: they cannot exist anyway.
MAX_ID = 2**63 - 1


def _owned_item(request, pk):
    item = None if pk > MAX_ID else FocusItem.objects.for_user(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404("There is no focus item of yours at this address.")
    return item


def _owned_action(request, pk):
    action = (
        None
        if pk > MAX_ID
        else Action.objects.filter(pk=pk, focus__user=request.user).select_related("focus").first()
    )
    if action is None:
        raise Http404("There is no action of yours at this address.")
    return action


@login_required
@require_safe
def plan(request):
    return render(request, "plans/plan.html", plan_context(request.user))


@login_required
@require_POST
def goal(request):
    form = GoalForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, "Choose a role from the list to set as your goal.")
    slug = form.cleaned_data["role"]
    role = None
    if slug:
        role = Role.objects.published().filter(slug=slug).first()
        if role is None:
            raise Http404(f"There is no published role called “{slug}” to set as your goal.")
    services.set_goal(user=request.user, role=role)
    if role:
        messages.success(request, f"{role.name} is now your goal.")
    else:
        messages.success(request, "You have no target role now.")
    back = request.POST.get("next", "")
    # Only a printable local path: NUL and control characters cannot go into a Location.
    local = back.startswith("/") and back.isprintable()
    if local and url_has_allowed_host_and_scheme(
        back, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return _back_to_plan("goal-title")


@login_required
@require_POST
def rhythm(request):
    form = RhythmForm(request.POST)
    if not form.is_valid():
        return _plan_with_errors(request, "rhythm", form)
    plan = services.set_rhythm(user=request.user, rhythm=form.cleaned_data["rhythm"])
    messages.success(request, f"Check-ins: {plan.get_rhythm_display().lower()}.")
    return _back_to_plan("checkin-title")


@login_required
@require_POST
def add(request):
    form = AddToPlanForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, "The “Add to my plan” form was incomplete or changed; please try again.")
    assessment = get_owned(request, form.cleaned_data["assessment"], ratings=False)
    if assessment.is_draft:
        raise Http404("Submit this assessment before adding its growth areas to your plan.")
    try:
        item, created = services.add_focus(
            user=request.user, assessment=assessment, skill_slug=form.cleaned_data["skill"]
        )
    except services.NotInAssessment:
        return _bad_request(request, "That skill is not part of this assessment.")
    if not created:
        messages.info(request, f"{item.skill_name} is already in your plan.")
    elif item.active:
        messages.success(request, f"{item.skill_name} is in your plan, with suggested actions to edit.")
    else:
        messages.success(
            request,
            f"{item.skill_name} is in your plan under “Later”: you focus on {MAX_ACTIVE} skills at a time.",
        )
    return _back_to_plan(f"focus-{item.pk}")


@login_required
@require_POST
def move(request, pk):
    item = _owned_item(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, "Choose whether to work on this skill now or later.")
    try:
        services.move_focus(item=item, active=form.cleaned_data["to"] == "active")
    except services.ActiveFull:
        return _bad_request(
            request, f"You already focus on {MAX_ACTIVE} skills. Move one to “Later” first, then try again."
        )
    return _back_to_plan(f"focus-{item.pk}")


@login_required
@require_POST
def remove(request, pk):
    item = _owned_item(request, pk)
    services.remove_focus(item=item)
    messages.success(request, f"{item.skill_name} and its actions were removed from your plan.")
    return _back_to_plan()


@login_required
@require_POST
def action_add(request, pk):
    item = _owned_item(request, pk)
    form = ActionForm(request.POST, prefix=f"new{item.pk}")
    if not form.is_valid():
        return _plan_with_errors(request, f"new-{item.pk}", form)
    if item.actions.count() >= MAX_ACTIONS:
        return _bad_request(
            request, f"A focus item holds at most {MAX_ACTIONS} actions. Remove a done one first."
        )
    Action.objects.create(focus=item, **form.cleaned_data)
    messages.success(request, f"Action added to {item.skill_name}.")
    return _back_to_plan(f"focus-{item.pk}")


@login_required
@require_POST
def action_edit(request, pk):
    action = _owned_action(request, pk)
    form = ActionForm(request.POST, prefix=f"a{action.pk}")
    if not form.is_valid():
        return _plan_with_errors(request, f"action-{action.pk}", form)
    for field, value in form.cleaned_data.items():
        setattr(action, field, value)
    action.save(update_fields=list(form.cleaned_data))
    messages.success(request, f"Action saved ({action.get_status_display().lower()}).")
    return _back_to_plan(f"action-{action.pk}")


@login_required
@require_POST
def action_delete(request, pk):
    action = _owned_action(request, pk)
    action.delete()
    messages.success(request, f"Action removed from {action.focus.skill_name}.")
    return _back_to_plan(f"focus-{action.focus_id}")
