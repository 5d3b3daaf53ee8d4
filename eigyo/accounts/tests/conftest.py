# The real SMTP server of the e-mail tests (password reset mails go through it too).
from eigyo.followups.tests.conftest import smtp  # noqa: F401
