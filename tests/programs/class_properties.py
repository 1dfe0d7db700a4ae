# @property getters with @x.setter setters: assigned in compiled code (`t.celsius = v`,
# `t.celsius += v`), validated by the setter (its exception propagates), and one setter using
# another; from Python the property reads and writes the same way.


class Temperature:
    def __init__(self, celsius: float):
        self._c = celsius

    @property
    def celsius(self) -> float:
        return self._c

    @celsius.setter
    def celsius(self, value: float) -> None:
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._c = value

    @property
    def fahrenheit(self) -> float:
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f: float) -> None:
        self.celsius = (f - 32) * 5 / 9


def warmed(start: float, by: float) -> float:
    t = Temperature(start)
    t.celsius += by
    return t.celsius


def boiling() -> float:
    t = Temperature(0.0)
    t.fahrenheit = 212.0
    return t.celsius


def too_cold(f: float) -> float:
    t = Temperature(0.0)
    t.fahrenheit = f
    return t.celsius


def made(c: float) -> Temperature:
    return Temperature(c)

#> warmed(20.0, 1.5)
#> boiling()
#> too_cold(-500.0)
#> too_cold(-459.67)
#> made(30.0).fahrenheit
#> made(-10.0).celsius
