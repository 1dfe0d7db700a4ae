# Prime counting by trial division, and a prime-factor sum.


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(limit: int) -> int:
    c = 0
    for n in range(limit):
        if is_prime(n):
            c += 1
    return c


def largest_factor(n: int) -> int:
    f = 2
    largest = 1
    while n > 1:
        if n % f == 0:
            largest = f
            n //= f
        else:
            f += 1
            if f * f > n and n > 1:
                largest = n
                break
    return largest


#> is_prime(2)
#> is_prime(9)
#> is_prime(2147483647)
#> count_primes(1000)
#> largest_factor(600851475143)
#> largest_factor(97)
#> largest_factor(1)
