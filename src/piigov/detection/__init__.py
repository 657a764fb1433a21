"""Personal-data detection for Dutch text, built on Microsoft Presidio.

Importing this package is cheap: Presidio and spaCy are imported when the first
:class:`Detector` is built. Detection never logs, stores or raises with the analysed text or
the detected values -- they are personal data.

>>> from piigov.detection import get_detector
>>> [d.entity_type for d in get_detector().detect("BSN: 123456782")]  # doctest: +SKIP
['NL_BSN']
"""

from __future__ import annotations

import os

# Presidio's EmailRecognizer uses tldextract, which otherwise tries to download the public
# suffix list on first use. This must be set before presidio_analyzer is imported, which
# happens in the recognizers subpackage and in Detector.__init__.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from piigov.detection.detector import DetectionError, Detector, get_detector
from piigov.detection.types import Detection

__all__ = ["Detection", "DetectionError", "Detector", "get_detector"]
