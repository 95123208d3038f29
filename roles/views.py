from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from plans.home import personal_home
from roles import queries, search
from roles.caching import anonymous_page
from roles.comparison import MAX_ROLES, MIN_ROLES, Comparison
from roles.forms import CompareForm, RoleFilterForm
from roles.models import TransitionGuide
from roles.scale import LEVELS, SCALE, Importance

FEATURED = ["product-manager", "product-leader"]
# Made once: the role page names every level's place on the scale.
SCALE_NAMES = {n: SCALE[n].name.lower() for n in LEVELS}


@require_safe
@anonymous_page()
def home(request):
    if request.user.is_authenticated:  # the personal home: never cached
        return personal_home(request)
    # Queries: 1. how many of the featured roles are published  2. the featured guide
    guide = TransitionGuide.objects.published().filter(featured=True).select_related("from_role", "to_role")
    context = {"featured_ready": queries.featured_count(FEATURED) == 2, "featured_guide": guide.first()}
    return render(request, "roles/home.html", context)


@require_safe
@anonymous_page(RoleFilterForm)
def role_list(request):
    form = RoleFilterForm(request.GET)
    form.is_valid()  # lenient fields: always valid
    q, track_slug = form.cleaned_data["q"], form.cleaned_data["track"]
    # Queries: 1. tracks  2. roles with their skill counts (a search: the ranked matches,
    # each with why it matched, roles/search.py)
    tracks = queries.tracks()
    selected_track = next((t for t in tracks if t["slug"] == track_slug), None)
    track_id = selected_track["id"] if selected_track else None
    query = search.parse(q) if q else None
    context = {
        "nav": "roles",
        "tracks": tracks,
        "q": q,
        "q_shortened": form.q_shortened,
        "no_words": bool(q) and query is None,
        "selected_track": selected_track,
        "filtered": bool(q or selected_track),
    }
    if query is None:
        roles = queries.role_cards(track_id=track_id)
        context["groups"] = _by_track(roles, {track["id"]: track for track in tracks})
    else:
        roles = queries.search_results(query, track_id=track_id)
        names = {track["id"]: track["name"] for track in tracks}
        for role in roles:
            _card_text(role)
            role["track_name"] = names[role["track_id"]]
            role["reasons"] = search.reasons(role)
            role["snippet"] = search.snippet(role)
        context["results"] = roles
    context["result_count"] = len(roles)
    return render(request, "roles/role_list.html", context)


def _card_text(role):
    # Display text made here, once: templates localise numbers, which is slow.
    role["step"] = str(role["seniority"])
    role["skills"] = f"{role['skill_count']} skill{'' if role['skill_count'] == 1 else 's'}"
    role["summary_short"] = truncatewords(role["summary"], 32)


def _by_track(roles, tracks_by_id):
    """(track, its roles) pairs, from roles in ladder order."""
    groups = []
    for role in roles:  # in ladder order, so each track's roles are together
        _card_text(role)
        if not groups or groups[-1][0]["id"] != role["track_id"]:
            groups.append((tracks_by_id[role["track_id"]], []))
        groups[-1][1].append(role)
    return groups


@require_safe
@anonymous_page()
def role_detail(request, slug):
    # Queries: 1. role + track  2. dimension texts  3. expectations with skills, categories
    # and level texts  4. published roles for "Compare with…", flagged as next roles
    # 5. the skills' learning resources
    role = queries.role_page_role(slug)
    if role is None:
        raise Http404(f"There is no published role called “{slug}”.")
    dimension_texts = queries.dimension_texts_named(role["id"])
    expectations = queries.expectations([role["id"]])
    resources = queries.resources_for([exp["skill_slug"] for exp in expectations])
    groups = []
    for exp in expectations:
        exp["resources"] = resources[exp["skill_slug"]]
        # What the list shows per skill, decided here so the template is a flat loop.
        exp["level_detail"] = (
            {"name": exp["level_name"], "descriptor": exp["descriptor"], "examples": exp["examples"] or []}
            if exp["level_name"]
            else None
        )
        exp["level_text"] = str(exp["level"])
        exp["scale_name"] = SCALE_NAMES[exp["level"]]
        exp["pips"] = [n <= exp["level"] for n in LEVELS]
        exp["importance_label"] = Importance(exp["importance"]).label
        if not groups or groups[-1][0]["id"] != exp["category_id"]:
            groups.append(
                ({"id": exp["category_id"], "name": exp["category_name"], "slug": exp["category_slug"]}, [])
            )
        groups[-1][1].append(exp)
    others = [r for r in queries.published_roles(next_of=role["id"]) if r["id"] != role["id"]]
    next_roles = [r for r in others if r["is_next"]]
    context = {
        "nav": "roles",
        "role": role,
        "dimension_texts": dimension_texts,
        "groups": groups,
        "next_roles": next_roles,
        "others": others,
        "compare_default": (next_roles or others or [{"slug": ""}])[0]["slug"],
        "core_count": sum(1 for e in expectations if e["importance"] == Importance.CORE),
    }
    return render(request, "roles/role_detail.html", context)


@require_safe
@anonymous_page(CompareForm)
def compare(request):
    form = CompareForm(request.GET)
    form.is_valid()  # lenient fields: always valid
    slugs, only_differences = form.cleaned_data["roles"], form.cleaned_data["only"]
    # Queries: 1. published roles (the picker, and the compared roles' columns)
    picker = queries.published_roles()
    context = {
        "nav": "compare",
        "picker_roles": picker,
        "slots": _slots(slugs),
        "only_differences": only_differences,
        "max_roles": MAX_ROLES,
    }
    if len(slugs) > MAX_ROLES:
        context["error"] = f"You can compare at most {MAX_ROLES} roles at once; you picked {len(slugs)}."
        return render(request, "roles/compare.html", context, status=400)
    if len(slugs) < MIN_ROLES:
        if form.picked:
            context["error"] = "Pick at least two different roles to compare."
        return render(request, "roles/compare.html", context)
    by_slug = {role["slug"]: role for role in picker}
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        names = ", ".join(f"“{s}”" for s in missing)
        raise Http404(f"We couldn’t find a published role called {names}.")
    roles = [by_slug[slug] for slug in slugs]
    ids = [role["id"] for role in roles]
    # 2. dimensions  3. the roles' dimension texts  4. their expectations with skills,
    # categories and level texts
    expectations = queries.expectations(ids)
    # 5. the rubric's growth texts of the skills shown  6. published guides between the roles
    comparison = Comparison(
        roles,
        queries.dimensions(),
        queries.dimension_texts(ids),
        expectations,
        growth=queries.growth_texts({exp["skill_id"] for exp in expectations}),
    )
    groups = comparison.only_differences() if only_differences else comparison.groups
    context.update(
        {
            "comparison": comparison,
            "roles": roles,
            "groups": groups,
            "table": comparison.table(groups),
            "share_url": request.build_absolute_uri(_compare_url(slugs, only_differences)),
            "toggle_url": _compare_url(slugs, not only_differences),
            "guides": list(
                TransitionGuide.objects.published().between(ids).select_related("from_role", "to_role")
            ),
        }
    )
    return render(request, "roles/compare.html", context)


def _slots(slugs):
    """The picker's selects: each with its number and the slug it has selected."""
    return [
        {"number": n + 1, "optional": n >= MIN_ROLES, "selected": slugs[n] if n < len(slugs) else ""}
        for n in range(MAX_ROLES)
    ]


def _compare_url(slugs, only_differences=False):
    params = [("roles", slug) for slug in slugs]
    if only_differences:
        params.append(("only", "differences"))
    return f"{reverse('roles:compare')}?{urlencode(params)}"


@require_safe
def compare_pair(request, first, second):
    return redirect(_compare_url([first, second]))
