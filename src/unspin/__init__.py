"""unspin: repair text rewritten by article spinners, and tell spun text from clean text.

>>> from unspin import repair
>>> repair("Tensions rose within the Center East final week.")
'Tensions rose in the Middle East last week.'
"""

from .deciding import Evidence
from .phrasebook import Entry, PhrasebookError
from .repairing import (
    Config,
    Edit,
    ExplainedText,
    Repairer,
    repair,
    repair_and_explain,
)

__version__ = "0.1.0"

__all__ = [
    "Config",
    "Edit",
    "Entry",
    "Evidence",
    "ExplainedText",
    "PhrasebookError",
    "Repairer",
    "__version__",
    "repair",
    "repair_and_explain",
]
