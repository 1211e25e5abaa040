"""Models shared by every app: the abstract base page and the review workflow task."""

from .history import GonePage, Withdrawal
from .pages import BasePage
from .workflows import PeerReviewTask

__all__ = ["BasePage", "GonePage", "PeerReviewTask", "Withdrawal"]
