"""pytest configuration: the ``slow`` marker and the hypothesis profiles.

``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py`` runs the
property tests with many more examples than the default profile, drawn anew each run
(the default profile draws the same examples every run).
"""

import os

from hypothesis import HealthCheck, settings

# The default profile (CI's) is derandomized: the same examples every run, so that a
# submission's result does not depend on the draw. The thorough profile explores anew
# each time; what it finds goes into tests/test-cases/ as a case.
settings.register_profile(
    "default",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes tens of seconds; still run by default (deselect: -m 'not slow')"
    )
