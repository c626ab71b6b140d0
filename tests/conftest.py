"""pytest configuration: the ``slow`` marker and the hypothesis profiles.

``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py`` runs the
property tests with many more examples than the default profile.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes tens of seconds; still run by default (deselect: -m 'not slow')"
    )
