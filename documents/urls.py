from django.urls import re_path

from .serving import serve

# Same path as Wagtail's wagtaildocs_serve (which keeps generating the URLs);
# included before wagtail.documents.urls so that this view answers.
urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve, name="documents_serve"),
]
