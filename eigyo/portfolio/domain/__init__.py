"""Pure portfolio rules (no Django): cadence, agenda and plan; benchmarks."""

from eigyo.portfolio.domain.benchmarks import *  # noqa: F403
from eigyo.portfolio.domain.cadence import *  # noqa: F403
