# The text of an empty tuple: "()" in print, str(), repr() and f-strings.


def shown() -> str:
    t = ()
    return f"{()} {t!r} {str(t)} {t!s}" + repr(())


def printed(n: int) -> None:
    print((), n, ())

#> shown()
#> printed(3)
