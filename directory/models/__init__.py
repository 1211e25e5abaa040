"""Models of the directory app: vocabularies (snippets), pages and e-services."""

from .network import InstitutionAccess, ReviewReminder
from .pages import DirectoryIndexPage, EService, InstitutionCounterpart, InstitutionPage
from .snippets import InstitutionType, Region, ServiceCategory

__all__ = [
    "DirectoryIndexPage",
    "EService",
    "InstitutionAccess",
    "InstitutionCounterpart",
    "InstitutionPage",
    "InstitutionType",
    "ReviewReminder",
    "Region",
    "ServiceCategory",
]
