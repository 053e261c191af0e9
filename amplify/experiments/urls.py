from django.urls import path

from amplify.experiments import views

app_name = "experiments"
urlpatterns = [
    path("", views.experiments_mine, name="mine"),
    path("sponsor/", views.sponsor_page, name="sponsor"),
    path("<int:pk>/", views.experiment_detail, name="detail"),
    path("<int:pk>/edit/", views.experiment_edit, name="edit"),
    path("<int:pk>/submit/", views.experiment_submit, name="submit"),
    path("<int:pk>/approve/", views.experiment_approve, name="approve"),
    path("<int:pk>/return/", views.experiment_return, name="return"),
    path("<int:pk>/start/", views.experiment_start, name="start"),
    path("<int:pk>/learning/", views.experiment_learning, name="learning"),
    path("<int:pk>/decision/", views.experiment_decide, name="decide"),
    path("<int:pk>/comments/", views.experiment_comment, name="comment"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence"),
    path("<int:pk>/impact/", views.impact_record, name="impact"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence-file"),
    path("cohorts/<int:pk>/new/", views.experiment_start_new, name="new"),
    path("cohorts/<int:pk>/board/", views.cohort_board, name="board"),
    path("cohorts/<int:pk>/stories/", views.cohort_stories, name="stories"),
    path("cohorts/<int:pk>/stories/new/", views.story_new, name="story-new"),
    path("stories/<int:pk>/edit/", views.story_edit, name="story-edit"),
    path("programmes/<slug:slug>/portfolio/", views.portfolio, name="portfolio"),
]
