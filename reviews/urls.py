from django.urls import path

from reviews import owner_views, views

app_name = "reviews"

urlpatterns = [
    path("assessments/<uuid:pk>/share/", owner_views.share, name="share"),
    path("assessments/<uuid:pk>/share/<uuid:link_id>/revoke/", owner_views.revoke, name="revoke"),
    path(
        "assessments/<uuid:pk>/reviews/<int:review_id>/delete/",
        owner_views.delete_review,
        name="delete_review",
    ),
    path("review/s/<uuid:public_id>/", views.shared, name="shared"),
    path("review/s/<uuid:public_id>/review/", views.review, name="review"),
    path("review/<str:token>/", views.open_link, name="open"),
    path("reviews/", views.given, name="given"),
]
