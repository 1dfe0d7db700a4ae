"""Two versions of one class cell, for the tests of classes used across cells: the second puts a
field before the first's, so code compiled against the first reads the wrong words of the second."""

from __future__ import annotations

V1 = '''
class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y
'''
V2 = '''
class Point:
    def __init__(self, x: float, y: float):
        self.w = 100.0
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y
'''
