"""Models of the directory app: vocabularies (snippets), pages and e-services."""

from .enquiries import Enquiry
from .network import InstitutionAccess, Invitation, ReviewReminder
from .pages import DirectoryIndexPage, EService, InstitutionCounterpart, InstitutionPage
from .snippets import InstitutionType, Region, ServiceCategory

__all__ = [
    "DirectoryIndexPage",
    "EService",
    "Enquiry",
    "InstitutionAccess",
    "Invitation",
    "InstitutionCounterpart",
    "InstitutionPage",
    "InstitutionType",
    "ReviewReminder",
    "Region",
    "ServiceCategory",
]
