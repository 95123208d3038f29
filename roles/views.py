from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from careerpaths.pagecache import cached_page
from roles.comparison import MAX_ROLES, MIN_ROLES, Comparison, fetch_roles
from roles.models import Role, SkillLevel, Track, TransitionGuide

MAX_PARAM_LENGTH = 100


def _clean(value):
    """Trim a query-string value to something safe to hand to PostgreSQL.

    PostgreSQL text cannot hold NUL bytes, and nothing we look up is longer than 100
    characters, so junk degrades to "no match" instead of an error.
    """
    return value.replace("\x00", "").strip()[:MAX_PARAM_LENGTH]


def _param(request, name):
    return _clean(request.GET.get(name, ""))


def _picker_roles():
    return list(Role.objects.published().select_related("track").ladder_order())


@require_safe
@cached_page
def home(request):
    featured = {
        role.slug: role
        for role in Role.objects.published().filter(slug__in=["product-manager", "product-leader"])
    }
    guide = TransitionGuide.objects.published().filter(featured=True).select_related("from_role", "to_role")
    context = {"featured": featured, "featured_ready": len(featured) == 2, "featured_guide": guide.first()}
    return render(request, "roles/home.html", context)


@require_safe
@cached_page
def role_list(request):
    q = _param(request, "q")
    track_slug = _param(request, "track")
    tracks = list(Track.objects.all())
    selected_track = next((t for t in tracks if t.slug == track_slug), None)
    roles = Role.objects.published().select_related("track").annotate(skill_count=Count("expectations"))
    if selected_track:
        roles = roles.filter(track=selected_track)
    if q:
        roles = roles.search(q)
    roles = list(roles.ladder_order())
    groups = []
    for role in roles:
        if not groups or groups[-1][0].pk != role.track_id:
            groups.append((role.track, []))
        groups[-1][1].append(role)
    context = {
        "nav": "roles",
        "groups": groups,
        "tracks": tracks,
        "q": q,
        "selected_track": selected_track,
        "result_count": len(roles),
        "filtered": bool(q or selected_track),
    }
    return render(request, "roles/role_list.html", context)


@require_safe
@cached_page
def role_detail(request, slug):
    roles = fetch_roles([slug])
    if not roles:
        raise Http404(f"There is no published role called “{slug}”.")
    role = roles[0]
    expectations = list(role.expectations.all())
    levels = {
        (lv.skill_id, lv.level): lv
        for lv in SkillLevel.objects.filter(skill_id__in=[e.skill_id for e in expectations])
    }
    groups = []
    for exp in expectations:
        exp.level_detail = levels.get((exp.skill_id, exp.level))
        if not groups or groups[-1][0].pk != exp.skill.category_id:
            groups.append((exp.skill.category, []))
        groups[-1][1].append(exp)
    others = [r for r in _picker_roles() if r.pk != role.pk]
    next_ids = set(role.next_roles.values_list("pk", flat=True))
    next_roles = [r for r in others if r.pk in next_ids]
    context = {
        "nav": "roles",
        "role": role,
        "dimension_texts": list(role.dimension_texts.all()),
        "groups": groups,
        "next_roles": next_roles,
        "others": others,
        "core_count": sum(1 for e in expectations if e.is_core),
    }
    return render(request, "roles/role_detail.html", context)


def _unique(values):
    seen = []
    for value in values:
        value = _clean(value)
        if value and value not in seen:
            seen.append(value)
    return seen


@require_safe
@cached_page
def compare(request):
    slugs = _unique(request.GET.getlist("roles"))
    only_differences = _param(request, "only") == "differences"
    context = {
        "nav": "compare",
        "picker_roles": _picker_roles(),
        "selected": slugs,
        "slots": range(MAX_ROLES),
        "only_differences": only_differences,
        "max_roles": MAX_ROLES,
    }
    if len(slugs) > MAX_ROLES:
        context["error"] = f"You can compare at most {MAX_ROLES} roles at once; you picked {len(slugs)}."
        context["selected"] = slugs[:MAX_ROLES]
        return render(request, "roles/compare.html", context, status=400)
    if len(slugs) < MIN_ROLES:
        if request.GET.get("roles") is not None:
            context["error"] = "Pick at least two different roles to compare."
        return render(request, "roles/compare.html", context)
    roles = fetch_roles(slugs)
    if len(roles) != len(slugs):
        found = {role.slug for role in roles}
        missing = ", ".join(f"“{s}”" for s in slugs if s not in found)
        raise Http404(f"We couldn’t find a published role called {missing}.")
    comparison = Comparison(roles)
    context.update(
        {
            "comparison": comparison,
            "roles": roles,
            "groups": comparison.only_differences() if only_differences else comparison.groups,
            "share_url": request.build_absolute_uri(),
            "toggle_url": _compare_url(slugs, not only_differences),
            "guides": list(
                TransitionGuide.objects.published().between(roles).select_related("from_role", "to_role")
            ),
        }
    )
    return render(request, "roles/compare.html", context)


def _compare_url(slugs, only_differences=False):
    params = [("roles", slug) for slug in slugs]
    if only_differences:
        params.append(("only", "differences"))
    return f"{reverse('roles:compare')}?{urlencode(params)}"


@require_safe
def compare_pair(request, first, second):
    return redirect(_compare_url([first, second]))
