#!/usr/bin/env python
"""Django's command-line utility for developers working in a checkout (DEBUG on
unless set). Deployments use `eigyo` (eigyo/cli.py), which keeps the strict defaults."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigyo.settings")
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
