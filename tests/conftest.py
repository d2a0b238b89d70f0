"""Shared test configuration: Hypothesis profiles.

``dev`` (the default) keeps the suite fast while editing; ``ci`` runs more
examples and is selected when the ``CI`` environment variable is ``true``
(``.ci/run`` sets it).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
# 200 examples: with every package's laws and the hostile walk, 400 took the
# CI run past its 30-minute budget on two cores (25 min for pytest alone).
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
