"""The public surface: one sorted ``__all__``, every name importable and documented."""

import leadguard

INCLUDED_PRIVATE = {"__version__"}


def test_all_is_sorted_and_unique() -> None:
    assert leadguard.__all__ == sorted(leadguard.__all__)
    assert len(set(leadguard.__all__)) == len(leadguard.__all__)


def test_all_names_importable_and_complete() -> None:
    public = {
        name
        for name in vars(leadguard)
        if (not name.startswith("_") or name in INCLUDED_PRIVATE)
        and not isinstance(getattr(leadguard, name), type(leadguard))  # submodules
    }
    assert set(leadguard.__all__) == public
    for name in leadguard.__all__:
        assert getattr(leadguard, name) is not None


def test_every_exported_callable_has_a_docstring() -> None:
    for name in leadguard.__all__:
        obj = getattr(leadguard, name)
        if callable(obj):
            assert obj.__doc__ and obj.__doc__.strip(), name


def test_errors_share_one_root() -> None:
    errors = [getattr(leadguard, n) for n in leadguard.__all__ if n.endswith("Error")]
    assert errors
    for error in errors:
        assert issubclass(error, leadguard.LeadguardError)


def test_exported_classes_show_the_public_module() -> None:
    assert leadguard.EmailResult.__module__ == "leadguard"
