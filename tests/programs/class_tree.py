# Classes: a binary search tree of nodes linked by `Node | None` fields, recursion through
# methods, instances in lists and as fields of other instances.


class Node:
    def __init__(self, key: int, label: str):
        self.key = key
        self.label = label
        self.left: Node | None = None
        self.right: Node | None = None
        self.size = 1

    def insert(self, key: int, label: str) -> None:
        self.size += 1
        if key < self.key:
            left = self.left
            if left is None:
                self.left = Node(key, label)
            else:
                left.insert(key, label)
        else:
            right = self.right
            if right is None:
                self.right = Node(key, label)
            else:
                right.insert(key, label)

    def find(self, key: int) -> str:
        node: Node | None = self
        while node is not None:
            if key == node.key:
                return node.label
            node = node.left if key < node.key else node.right
        return "?"

    def keys(self, out: list[int]) -> None:
        left = self.left
        if left is not None:
            left.keys(out)
        out.append(self.key)
        right = self.right
        if right is not None:
            right.keys(out)


class Tree:
    root: Node | None = None
    name: str = "tree"

    def add(self, key: int) -> None:
        root = self.root
        if root is None:
            self.root = Node(key, f"k{key}")
        else:
            root.insert(key, f"k{key}")

    def sorted_keys(self) -> list[int]:
        out: list[int] = []
        root = self.root
        if root is not None:
            root.keys(out)
        return out


def depth(node: Node | None) -> int:
    if node is None:
        return 0
    return 1 + max(depth(node.left), depth(node.right))


def build(n: int) -> list[int]:
    t = Tree()
    for i in range(n):
        t.add((i * 37) % 101)
    root = t.root
    if root is not None:
        print(root.size, depth(root), root.find(37), root.find(1000))
    return t.sorted_keys()


def chain(n: int) -> int:
    """A linked list of n nodes through their right fields, walked and dropped."""
    head: Node | None = None
    for i in range(n):
        node = Node(i, str(i))
        node.right = head
        head = node
    total = 0
    walker = head
    while walker is not None:
        total += walker.key
        walker = walker.right
    return total


def pool(n: int) -> str:
    nodes: list[Node] = []
    for i in range(n):
        nodes.append(Node(i * i, f"n{i}"))
    nodes[0].label = "first"
    if n > 1:  # (with one node this would be a cycle, which reference counting never frees)
        nodes[-1].left = nodes[0]
    last = nodes[-1].left
    text = ""
    if last is not None:
        text = last.label
    return f"{len(nodes)} {sum(nd.key for nd in nodes)} {text} {nodes[1].label}"

#> build(0)
#> build(1)
#> build(30)
#> chain(1000)
#> chain(10000)
#> chain(0)
#> pool(5)
#> pool(2)
#> pool(1)
#> pool(0)


def nearest(n: int, key: int) -> int:
    """A `Node | None` local from a conditional expression, narrowed by `is None` tests."""
    root = Node(n // 2, "r")
    for i in range(n):
        root.insert(i * 3 % n, "")
    best = root if key >= 0 else None
    found = -1
    while best is not None:
        found = best.key
        best = best.left if key < best.key else best.right
    return found

#> nearest(20, 7)
#> nearest(20, -1)


def same(n: int) -> str:
    """Instances compare by identity (`is`, and `==` without __eq__, as Python's default)."""
    a = Node(1, "a")
    b = a
    c = Node(1, "a")
    link: Node | None = a if n > 0 else None
    return f"{a is b} {a is c} {a == b} {a != c} {link is a} {a is not c} {link == c}"

#> same(1)
#> same(0)
