/* The run-time kernels of kernels.py in C, line for line; built by worker.py with
 *   gcc -O3 [-march=native] -ffp-contract=off -fPIC -shared kernels.c -o kernels.so
 * -ffp-contract=off keeps a*b+c as two roundings (no FMA), as Python, jitcell and
 * Numba compute it, so the float results are bit for bit the same.
 * C ints wrap silently here (like Numba's and jitcell's --wraparound); no sum overflows.
 */
#include <stdint.h>

int64_t sum_squares(int64_t n) {
    int64_t s = 0;
    for (int64_t i = 0; i < n; i++)
        s += i * i;
    return s;
}

double sum_squares_float(int64_t n) {
    double s = 0.0;
    for (int64_t i = 0; i < n; i++) {
        double x = (double)i;
        s += x * x;
    }
    return s;
}

double newton_sqrt(int64_t n) {
    double total = 0.0;
    for (int64_t i = 1; i < n + 1; i++) {
        double x = (double)i;
        double y = x;
        for (int64_t k = 0; k < 20; k++)
            y = 0.5 * (y + x / y);
        total += y;
    }
    return total;
}

int64_t quarter_circle(int64_t n) {
    int64_t count = 0;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            if (i * i + j * j < n * n)
                count += 1;
    return count;
}

double array_sum(const double *a, int64_t n) {
    double s = 0.0;
    for (int64_t i = 0; i < n; i++)
        s += a[i];
    return s;
}

double stencil(const double *a, double *out, int64_t n, int64_t m) {
    for (int64_t i = 1; i < n - 1; i++)
        for (int64_t j = 1; j < m - 1; j++)
            out[i * m + j] = 0.25 * (a[(i - 1) * m + j] + a[(i + 1) * m + j] + a[i * m + j - 1] + a[i * m + j + 1]);
    return out[1 * m + 1] + out[(n / 2) * m + m / 2] + out[(n - 2) * m + m - 2];
}

int64_t add1(int64_t x) {
    return x + 1;
}
