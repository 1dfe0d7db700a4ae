/* The run-time kernels of kernels.py in C, line for line; built by worker.py with
 *   gcc -O3 [-march=native] -ffp-contract=off -fPIC -shared kernels.c -o kernels.so
 * -ffp-contract=off keeps a*b+c as two roundings (no FMA), as Python, jitcell and
 * Numba compute it, so the float results are bit for bit the same.
 * C ints wrap silently here (like Numba's and jitcell's --wraparound); no sum overflows.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

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

int64_t word_count(const int64_t *keys, int64_t n) {
    /* a linear-probing table of (key, count), 2^k slots, at most half full */
    int64_t capacity = 16, used = 0;
    int64_t *slot_keys = malloc(capacity * sizeof(int64_t)), *slot_counts = calloc(capacity, sizeof(int64_t));
    char *full = calloc(capacity, 1);
    for (int64_t i = 0; i < n; i++) {
        int64_t k = keys[i];
        uint64_t h = (uint64_t)k * 0x9E3779B97F4A7C15ull;
        int64_t at = h & (capacity - 1);
        while (full[at] && slot_keys[at] != k)
            at = (at + 1) & (capacity - 1);
        if (full[at]) {
            slot_counts[at] += 1;
            continue;
        }
        full[at] = 1, slot_keys[at] = k, slot_counts[at] = 1, used++;
        if (2 * used > capacity) {
            int64_t old = capacity, *old_keys = slot_keys, *old_counts = slot_counts;
            char *old_full = full;
            capacity *= 2;
            slot_keys = malloc(capacity * sizeof(int64_t)), slot_counts = calloc(capacity, sizeof(int64_t));
            full = calloc(capacity, 1);
            for (int64_t j = 0; j < old; j++) {
                if (!old_full[j])
                    continue;
                int64_t to = ((uint64_t)old_keys[j] * 0x9E3779B97F4A7C15ull) & (capacity - 1);
                while (full[to])
                    to = (to + 1) & (capacity - 1);
                full[to] = 1, slot_keys[to] = old_keys[j], slot_counts[to] = old_counts[j];
            }
            free(old_keys), free(old_counts), free(old_full);
        }
    }
    int64_t best = 0;
    for (int64_t j = 0; j < capacity; j++)
        if (full[j] && slot_counts[j] > best)
            best = slot_counts[j];
    free(slot_keys), free(slot_counts), free(full);
    return used * 1000000 + best;
}

int64_t build_string(int64_t n) {
    int64_t length = 0, capacity = 16;
    char *s = malloc(capacity);
    for (int64_t i = 0; i < n; i++) {
        if (length + 1 > capacity)
            s = realloc(s, capacity *= 2);
        s[length++] = (char)('0' + i % 10);
    }
    free(s);
    return length;
}

double nbody(const double *pos0, const double *vel0, const double *mass, int64_t n, int64_t steps) {
    double *pos = malloc(n * 3 * sizeof(double)), *vel = malloc(n * 3 * sizeof(double));
    for (int64_t i = 0; i < 3 * n; i++)
        pos[i] = pos0[i], vel[i] = vel0[i];
    double dt = 0.001;
    for (int64_t step = 0; step < steps; step++) {
        for (int64_t i = 0; i < n; i++) {
            double ax = 0.0, ay = 0.0, az = 0.0;
            for (int64_t j = 0; j < n; j++) {
                if (i != j) {
                    double dx = pos[3 * j] - pos[3 * i];
                    double dy = pos[3 * j + 1] - pos[3 * i + 1];
                    double dz = pos[3 * j + 2] - pos[3 * i + 2];
                    double r2 = dx * dx + dy * dy + dz * dz + 0.01;
                    double inv = mass[j] / (r2 * sqrt(r2));
                    ax += dx * inv;
                    ay += dy * inv;
                    az += dz * inv;
                }
            }
            vel[3 * i] += dt * ax;
            vel[3 * i + 1] += dt * ay;
            vel[3 * i + 2] += dt * az;
        }
        for (int64_t i = 0; i < n; i++)
            for (int64_t d = 0; d < 3; d++)
                pos[3 * i + d] += dt * vel[3 * i + d];
    }
    double energy = 0.0;
    for (int64_t i = 0; i < n; i++)
        energy += 0.5 * mass[i] * (vel[3 * i] * vel[3 * i] + vel[3 * i + 1] * vel[3 * i + 1] + vel[3 * i + 2] * vel[3 * i + 2]);
    free(pos), free(vel);
    return energy;
}

int64_t add1(int64_t x) {
    return x + 1;
}
