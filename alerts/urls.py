from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [path("<uuid:key>/dismiss/", views.dismiss, name="dismiss")]
