from django.urls import path

from assessments import guided, views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.new, name="new"),
    path("new/<slug:slug>/", views.start, name="start"),
    path("progress/", views.progress, name="progress"),
    path("compare/", views.compare, name="compare"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("<uuid:pk>/", views.result, name="result"),
    path("<uuid:pk>/edit/", views.edit, name="edit"),
    path("<uuid:pk>/tasks/", guided.tasks, name="tasks"),
    path("<uuid:pk>/skills/<slug:skill_slug>/", guided.skill, name="skill"),
    path("<uuid:pk>/check/", guided.check, name="check"),
    path("<uuid:pk>/delete/", views.delete, name="delete"),
    path("<uuid:pk>/export.json", views.export_one_json, name="export_one_json"),
]
