"""OAI-PMH error conditions (OAI-PMH 2.0, section 3.6): each is answered with HTTP 200 and an
<error code="..."> element, never with an HTTP error."""

from typing import Literal

ErrorCode = Literal[
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
]


class OAIError(Exception):
    """A protocol error: its code and a message for the harvester's operator."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def echoes_arguments(self) -> bool:
        """Whether the <request> element may carry the arguments (not for badVerb/badArgument)."""
        return self.code not in {"badVerb", "badArgument"}
