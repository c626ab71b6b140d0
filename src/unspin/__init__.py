"""unspin: repair text rewritten by article spinners, and tell spun text from clean text.

>>> from unspin import detect, repair
>>> repair("Chinese language officers mentioned that tensions within the Center East would ease.")
'Chinese officials said that tensions in the Middle East would ease.'
>>> detect("Chinese language officers mentioned that ships within the Pink Sea were hit.").spun
True
"""

from .deciding import Evidence
from .detecting import Detection, Paragraph, Signal
from .phrasebook import Entry, PhrasebookError
from .repairing import (
    Config,
    Edit,
    ExplainedText,
    Repairer,
    detect,
    repair,
    repair_and_explain,
)

__version__ = "0.1.0"

__all__ = [
    "Config",
    "Detection",
    "Edit",
    "Entry",
    "Evidence",
    "ExplainedText",
    "Paragraph",
    "PhrasebookError",
    "Repairer",
    "Signal",
    "__version__",
    "detect",
    "repair",
    "repair_and_explain",
]
