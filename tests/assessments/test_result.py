import re

import pytest

from roles.models import Expectation, Role, Skill, SkillLevel
from tests.helpers import elements, make_assessment, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(owner, starter):
    """Digital Product Manager: planning 2 (core, expects 3), user needs 5 (core, expects 3),
    people leadership 1 (supporting, expects 2), everything else at the expected level."""
    levels = {
        "planning-prioritisation": 2,
        "technology-design": 3,
        "delivery-management": 3,
        "domain-expertise": 3,
        "user-needs": 5,
        "market-research": 3,
        "industry-insight": 2,
        "strategic-thinking": 2,
        "product-vision": 3,
        "business-acumen": 2,
        "decision-making": 2,
        "communication-collaboration": 3,
        "influence-inspiration": 2,
        "people-leadership": 1,
    }
    return make_assessment(owner, levels=levels, evidence={"user-needs": "Weekly interviews"})


def url(assessment, query=""):
    return f"/assessments/{assessment.pk}/{query}"


def page(client, assessment, query=""):
    response = client.get(url(assessment, query))
    assert response.status_code == 200
    return response.content.decode()


def between(html, start, end):
    """The part of ``html`` from ``start`` up to the first ``end`` after it."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_it_shows_one_headline_in_plain_words_with_the_weighted_score_behind_details(owner_client, done):
    html = page(owner_client, done)
    # 7 of 8 core skills meet; weighted: possible 2*24 + 12 = 60, achieved 2*23 + 11 = 57 -> 95%.
    assert texts(html, "h2", id="readiness-title") == ["Readiness: 87%"]
    assert "You meet 7 of the 8 core skills for Digital Product Manager." in html
    assert (done.readiness, done.weighted_score) == (87, 95)
    # The weighted score only inside "How is this worked out?".
    details = elements(html, "details", class_="how-worked-out")
    assert len(details) == 1 and details[0].text.startswith("How is this worked out?")
    assert "Weighted score: 95%." in details[0].text
    # (In text, not in attributes: the chart places its marks in percentages.)
    assert len(re.findall(r">[^<>]*\b95%", html)) == 1
    assert "Above the expectation: 1" in details[0].text and "Below it: 2" in details[0].text


def test_it_shows_the_result_per_skill_with_growth_areas_chart_and_table(owner_client, done):
    html = page(owner_client, done)
    # Per skill rows: yours, expected, gap and status in words and symbol.
    row = re.search(r"<th scope=\"row\">Understanding user needs.*?</tr>", html, re.S).group(0)
    assert "Level 5" in row and "Level 3" in row and "+2" in row and "▲</span> Exceeds" in row
    assert "Your evidence: Weekly interviews" in row
    row = re.search(r"<th scope=\"row\">Planning &amp; prioritisation.*?</tr>", html, re.S).group(0)
    assert "−1" in row and "▼</span> Below" in row and "badge-core" in row
    # Growth areas with the next level and how to grow, core first.
    growth = between(html, 'id="growth-title"', 'id="strengths-title"')
    assert growth.index("Planning &amp; prioritisation") < growth.index("Leadership &amp; management")
    assert "Next level, 3 · Plans a whole product:" in growth
    assert "How to grow:</strong> Tie your backlog to the product&#x27;s goals" in growth
    # The chart and its table.
    assert '<svg class="chart bar-chart"' in html and 'role="img"' in html
    assert html.count('<rect class="chart-bar ') == 14
    assert ">Your level, the expected level and the gap for every skill</caption>" in html
    assert f'href="/assessments/new/product-manager/?from={done.pk}">Re-assess (prefilled)' in html
    assert "scored against the rubric version of" in html
    assert "has changed since" not in html


def test_what_next_comes_first_with_the_biggest_gaps_core_first(owner_client, owner, starter):
    # Three core gaps of different sizes and a bigger supporting one: core first, then size.
    levels = {"planning-prioritisation": 2, "user-needs": 1, "product-vision": 2, "people-leadership": 1}
    html = page(owner_client, make_assessment(owner, levels=levels))
    order = [
        html.index(f'id="{anchor}"') for anchor in ("readiness-title", "what-next-title", "growth-title")
    ]
    assert order == sorted(order)
    steps = elements(html, "ol", class_="next-steps")[0]
    names = [t.split(" — ")[0] for t in texts(between(html, 'class="next-steps', "</ol>"), "li")]
    assert names == ["Understanding user needs Core", "Planning & prioritisation Core", "Product vision Core"]
    assert "Work on these 3 first" in html
    assert "Next level, 2 ·" in steps.text and "How to grow:" in steps.text
    assert "4 growth areas in all" in html


def test_a_single_gap_is_the_one_thing_to_work_on(owner_client, owner, starter):
    html = page(owner_client, make_assessment(owner, levels={"user-needs": 2}))
    assert "Work on this first" in html
    assert len(texts(between(html, 'class="next-steps', "</ol>"), "li")) == 1
    assert "growth areas in all" not in html


def test_how_ready_preselects_the_roles_typical_next_role(owner_client, done):
    html = page(owner_client, done)
    what_next = between(html, 'id="what-next-title"', 'id="growth-title"')
    assert '<option value="senior-product-manager" selected>' in what_next
    assert html.count(" selected>") == 1
    # The own role is not offered; an explicit choice wins over the default.
    assert '<option value="product-manager"' not in html
    html = page(owner_client, done, "?for=product-leader")
    assert '<option value="product-leader" selected>' in html
    assert '<option value="senior-product-manager" selected>' not in html


def test_a_role_with_two_next_roles_prefers_the_one_on_its_own_track(owner_client, owner, starter):
    html = page(owner_client, make_assessment(owner, "senior-product-manager"))
    assert '<option value="principal-product-manager" selected>' in html


def test_it_rescores_for_another_role(owner_client, done):
    html = page(owner_client, done, "?for=product-leader")
    assert "Your readiness for Product Leader: 0%" in html
    assert "0 of 10 core skills of Product Leader meet its expectation" in html
    assert "Based on 14 shared skills" in html
    assert "To get ready for Product Leader, work on" in html
    html = page(owner_client, done, "?for=associate-product-manager")
    assert "Your readiness for Associate Product Manager: 100%" in html


def test_strengths_are_only_skills_above_the_expectation(owner_client, owner, starter):
    # Everything at the expected level but one skill above it.
    skills = {e.skill.slug: e.level for e in Expectation.objects.filter(role__slug="product-manager")}
    html = page(owner_client, make_assessment(owner, levels={**skills, "user-needs": 5}))
    strengths = elements(html, "ul", class_="strengths-list")[0]
    assert strengths.text.startswith("Understanding user needs — level 5")
    assert "Planning" not in strengths.text
    html = page(owner_client, make_assessment(owner, levels=skills))
    assert not elements(html, "ul", class_="strengths-list")
    assert "No skill is above the expected level yet." in html


def test_a_full_result_leads_to_the_next_role_and_its_comparison(client, owner_client, owner, starter):
    full = make_assessment(owner, default=5)
    assert full.readiness == 100
    html = page(owner_client, full)
    block = elements(html, "div", class_="next-role")[0]
    assert "The typical next role after Digital Product Manager is Senior Product Manager." in block.text
    links = {
        a.text: a.attrs["href"]
        for a in elements(between(html, 'class="card card-body mb-3 next-role', "</ul>"), "a")
    }
    assert links == {
        "Senior Product Manager: what the role asks": "/roles/senior-product-manager/",
        "Compare Digital Product Manager with Senior Product Manager": (
            "/compare/?roles=product-manager&roles=senior-product-manager"
        ),
        "How ready am I for Senior Product Manager?": (
            f"/assessments/{full.pk}/?for=senior-product-manager#ready-for-title"
        ),
    }
    for href in links.values():
        assert owner_client.get(href).status_code == 200, href
    assert "You meet all 8 core skills for Digital Product Manager." in html
    assert "You meet or are above every expectation of this role." in html


def test_a_full_result_at_the_top_of_the_ladder_says_so_and_links_to_the_roles(owner_client, owner, starter):
    html = page(owner_client, make_assessment(owner, "chief-product-officer", default=5))
    block = elements(html, "div", class_="next-role")[0]
    assert "Chief Product Officer has no typical next role in this framework" in block.text
    assert elements(between(html, 'class="card card-body mb-3 next-role', "</div>"), "a", href="/roles/")


def test_a_result_below_full_has_no_next_role_block(owner_client, done):
    assert 'class="card card-body mb-3 next-role' not in page(owner_client, done)


def test_delete_comes_last_after_the_main_actions(owner_client, done):
    html = page(owner_client, done)
    delete = html.index(f'href="/assessments/{done.pk}/delete/"')
    assert html.count(f'href="/assessments/{done.pk}/delete/"') == 1
    for main in ("Re-assess (prefilled)", "Download JSON", "Print this result", 'id="chart-title-h"'):
        assert html.index(main) < delete, main
    assert "Delete this assessment" in html[delete:]
    assert html.index("Delete this assessment") > html.index('id="result-actions-title"')


def test_the_print_button_is_enhanced_by_a_static_script_with_a_hint_without_it(owner_client, done):
    html = page(owner_client, done)
    [button] = elements(html, "button", **{"data-print-button": ""})
    assert button.attrs["type"] == "button" and "hidden" in button.attrs
    assert "use your browser’s Print command" in texts(html, "p", **{"data-print-hint": ""})[0]
    assert elements(html, "script", src="/static/js/print.js")
    assert "<script>" not in html  # the CSP allows no inline script


def test_the_printout_carries_name_role_date_and_rubric_version(owner_client, owner, done):
    owner.first_name, owner.last_name = "Ada", "Lovelace"
    owner.save()
    html = page(owner_client, done)
    header = between(html, '<dl class="print-only print-header">', "</dl>")
    assert dict(zip(texts(header, "dt"), texts(header, "dd"), strict=True)) == {
        "Name": "Ada Lovelace",
        "Role": "Digital Product Manager",
        "Date": f"{done.submitted_at:%-d %B %Y}",
        "Rubric version": f"{done.rubric_updated_at:%-d %B %Y, %H:%M}",
    }
    owner.first_name = owner.last_name = ""
    owner.save()
    assert "<dd>owner</dd>" in page(owner_client, done)


def test_readiness_for_an_unknown_or_unpublished_role_is_not_found(owner_client, done):
    Role.objects.filter(slug="product-leader").update(published=False)
    for slug in ("product-leader", "nope"):
        response = owner_client.get(url(done, f"?for={slug}"))
        assert response.status_code == 404
        assert "to check your readiness for" in response.content.decode()


def test_a_draft_result_goes_to_the_form(owner_client, owner, starter):
    draft = make_assessment(owner, submit=False)
    response = owner_client.get(url(draft))
    assert response.status_code == 302 and response["Location"] == f"/assessments/{draft.pk}/edit/"


def test_others_and_anonymous_cannot_see_it(client, outsider, done):
    assert client.get(url(done)).status_code == 404  # a visitor, whose session owns nothing
    client.force_login(outsider)
    assert client.get(url(done)).status_code == 404
    assert client.get(url(done, "?for=product-leader")).status_code == 404


@pytest.mark.parametrize("query", ["", "?for=product-leader"])
def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries, query):
    # The last assessment of the large history rates every skill 5 (a full result, with the
    # next-role block); the small one rates every skill 1 (growth areas, each with resources).
    target = sized["history"][-1]
    assert target.readiness == (100 if sized["size"] == "large" else 0)
    if query and sized["size"] == "large":
        query = "?for=gen-role-5"
    # 1. session  2. user  3. assessment + role + track
    # 4-5. the live rubric (expectations + skills, levels) to spot changes
    # 6. published roles for "How ready am I for…", each marked whether it is a next role
    # with ?for=: 7. the other role + track  8-9. its live rubric
    # 7 or 10. the framework's token (part of the result fragment's cache key)
    # and for the result itself (not yet cached fragments): 8 or 11. the ratings
    # 9 or 12. the learning resources of the growth areas (none in a 100% result: no query)
    # and, never cached, "Second opinions" (reviews app): 9-10 or 12-13. the reviews (none here)
    growth = 0 if sized["size"] == "large" else 1
    with django_assert_num_queries((12 if query else 9) + growth):
        response = owner_client.get(url(target, query))
    assert response.status_code == 200
    # The result's body is now cached fragments: no ratings (which ?for= still needs).
    with django_assert_num_queries(12 if query else 8):
        again = owner_client.get(url(target, query))
    assert body(again) == body(response) and "readiness-title" in body(again)
    if sized["size"] == "large":
        assert "The typical next role after" in again.content.decode()


def body(response):
    """The result itself, without the per-request CSRF tokens (sign-out, add to plan)."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


# The "live rubric has changed" notice: only the assessed role's own rubric counts.


def notice(html):
    """The changes the notice lists, or None without a notice."""
    if 'class="mb-0 rubric-changes"' not in html:
        return None
    return texts(between(html, 'class="mb-0 rubric-changes"', "</ul>"), "li")


def rename_level(slug, level, **fields):
    SkillLevel.objects.filter(skill__slug=slug, level=level).update(**fields)


def test_the_notice_says_what_changed_in_the_roles_own_rubric(owner_client, done):
    assert notice(page(owner_client, done)) is None
    pm = Role.objects.get(slug="product-manager")
    Expectation.objects.filter(role=pm, skill__slug="product-vision").update(level=4)
    Expectation.objects.filter(role=pm, skill__slug="user-needs").update(importance="supporting")
    Expectation.objects.filter(role=pm, skill__slug="market-research").delete()
    rename_level("planning-prioritisation", 4, descriptor="Reworded.")
    rename_level("strategic-thinking", 2, name="New name", growth="New advice.")
    category = Skill.objects.get(slug="user-needs").category
    skill = Skill.objects.create(name="Pricing", slug="pricing", category=category, order=99)
    Expectation.objects.create(role=pm, skill=skill, level=2, importance="supporting")
    html = page(owner_client, done)
    assert "The live rubric for this role has changed since you took this assessment." in html
    assert notice(html) == [
        "Planning & prioritisation: level 4 descriptor reworded",
        "Understanding user needs: now supporting (was core)",
        "new skill: Pricing",
        "Strategic thinking: level 2 name and how-to-grow text reworded",
        "Product vision: expected level 3 → 4",
        "no longer expected: Market research & analysis",
    ]


def test_an_edit_elsewhere_in_the_framework_shows_no_notice(owner_client, done):
    # Another role's expectations, a skill this role does not use, and what a result does
    # not rest on (a skill's description, evidence examples, a category's name).
    Expectation.objects.filter(role__slug="product-leader", skill__slug="product-vision").update(level=2)
    Role.objects.filter(slug="product-leader").update(summary="Changed.")
    category = Skill.objects.get(slug="user-needs").category
    unrelated = Skill.objects.create(name="Unrelated", slug="unrelated", category=category)
    SkillLevel.objects.create(skill=unrelated, level=1, name="One", descriptor="Does one.")
    unrelated.name = "Still unrelated"
    unrelated.save()
    Skill.objects.filter(slug="user-needs").update(description="A new description.")
    rename_level("user-needs", 3, examples=["A new example"])
    category.name = "Renamed category"
    category.save()
    html = page(owner_client, done)
    assert "has changed since" not in html and notice(html) is None


def test_a_long_list_of_changes_is_cut_short(owner_client, done):
    SkillLevel.objects.filter(skill__expectations__role__slug="product-manager", level=1).update(
        descriptor="Reworded everywhere."
    )
    changes = notice(page(owner_client, done))
    assert len(changes) == 9 and changes[-1] == "and 6 more changes"
    assert all(change.endswith(": level 1 descriptor reworded") for change in changes[:8])


def test_the_cached_result_still_says_when_the_rubric_changed(owner_client, done):
    first = page(owner_client, done)
    assert "has changed since" not in first
    skill = Skill.objects.get(slug="user-needs")
    skill.name = "Understanding the people we serve"
    skill.save()
    html = page(owner_client, done)
    assert "The live rubric for this role has changed since you took this assessment." in html
    assert notice(html) == ["Understanding user needs: now called Understanding the people we serve"]
    # The result itself is the one recorded: the skill keeps the name it had then.
    result = between(html, 'id="readiness-title"', "</main>")
    assert "Understanding user needs" in result and "Understanding the people we serve" not in result
    assert html.count("Your evidence: Weekly interviews") == 1
