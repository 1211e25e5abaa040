"""Models shared by every app: the abstract base page and the review workflow task."""

from .pages import BasePage
from .workflows import PeerReviewTask

__all__ = ["BasePage", "PeerReviewTask"]
