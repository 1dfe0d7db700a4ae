# Elementary cellular automata (rules 30 and 90) on a 63-bit row, printed.


def step(row: int, rule: int, width: int) -> int:
    out = 0
    for i in range(width):
        left = (row >> (i + 1)) & 1 if i + 1 < width else 0
        mid = (row >> i) & 1
        right = (row >> (i - 1)) & 1 if i > 0 else 0
        pattern = left * 4 + mid * 2 + right
        out |= ((rule >> pattern) & 1) << i
    return out


def show(row: int, width: int) -> None:
    for i in range(width - 1, -1, -1):
        if (row >> i) & 1:
            print("#", end="")
        else:
            print(".", end="")
    print()


def run(rule: int, steps: int) -> int:
    width = 31
    row = 1 << 15
    for _ in range(steps):
        show(row, width)
        row = step(row, rule, width)
    return row


#> run(30, 12)
#> run(90, 8)
