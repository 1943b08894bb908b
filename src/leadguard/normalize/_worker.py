"""Entry point of a worker process (``python -m leadguard.normalize._worker``): see _parallel."""

from leadguard.normalize._parallel import serve

if __name__ == "__main__":
    serve()
