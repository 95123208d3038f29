from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("goal/", views.goal, name="goal"),
    path("rhythm/", views.rhythm, name="rhythm"),
    path("add/", views.add, name="add"),
    path("focus/<int:pk>/move/", views.move, name="move"),
    path("focus/<int:pk>/remove/", views.remove, name="remove"),
    path("focus/<int:pk>/actions/", views.action_add, name="action_add"),
    path("actions/<int:pk>/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
]
