"""Fake but realistic demo and test data: a legacy file share plus the Taskforce administration.

``generate_demo(root)`` writes ``root/share/...``, ``root/taskforce.sqlite`` and ``root/manifest.json``;
the returned :class:`DemoManifest` says exactly which personal values were planted in which file and what
the pipeline is expected to conclude about each file.
"""

from piigov.demo.generate import generate_demo
from piigov.demo.manifest import DemoManifest, PlantedFile, PlantedValue

__all__ = ["DemoManifest", "PlantedFile", "PlantedValue", "generate_demo"]
