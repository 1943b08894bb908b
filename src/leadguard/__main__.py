"""``python -m leadguard`` runs the command-line interface."""

from leadguard.cli import main

main()
