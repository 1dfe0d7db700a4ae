"""The thread pool of parallel loops (`prange`), in jitcell's internal dialect (compiled with source.py).

    for i in prange(n): body          the cell (compiler/lower/parallel.py): the body outlined into
                                      chunk(ctx, c), a job on the caller's frame, then
    pool_run(job)                     the job posted; the caller runs chunks too, then
    pool_wait(job, 100) until 0       waits (its own interrupt check every 100 ms)

The pool is made once per process (runtime/parallel.py, when the first library with a parallel loop
is loaded): `pool_new` allocates it and Python starts its threads, each a Python thread that calls
`pool_worker` and never returns (so a worker keeps one Python thread state: the exception a failing
chunk leaves pending stays its own until `park` hands it over). Everything shared is read and written
under the pool's one mutex; a chunk runs outside it.

Chunks are claimed in increasing order, and once a chunk failed no new chunk is claimed: every chunk
below the failing one was claimed already and runs to its end, so the lowest failing chunk, and its
first failing iteration, is the one a serial loop would have failed in. `stop` (an interrupt) ends
the chunks that run at their next interrupt check.

    pool (calloc'd, state word 48): 0 mutex, 64 condition "work", 128 condition "done", 192 the job
        running (0: none), 200 its generation, 208 worker threads, 216 park, 224 adopt, 232 discard
        (Python callbacks `void f(job, chunk, 0)`), 240 the workers jobs use, 256 + 8 k the pthread id of worker k (k < 224)
    job (the caller's frame, 16 words): 0 chunk function `i64 f(ctx, chunk, 0)` (its status), 8 ctx,
        16 chunks, 24 next chunk to claim, 32 threads inside, 40 lowest failing chunk (-1 none),
        48 the chunk the caller failed in (-1), 56 stop, 64 the caller's pthread id, 72 chunks a worker
        parked, 80 and 88 a timespec
"""

def pool_new(workers: int, park: int, adopt: int, discard: int) -> int:
    """The pool (state word 48), for `workers` threads Python then starts with pool_worker; 0 if out
    of memory or if one exists already."""
    if load64(state(48)) != 0 or workers < 1 or workers > 224:
        return 0
    p = calloc(1, 2048)
    if p == 0:
        return 0
    pthread_mutex_init(p, 0)
    pthread_cond_init(p + 64, 0)
    pthread_cond_init(p + 128, 0)
    store64(p + 208, workers)
    store64(p + 240, workers)
    store64(p + 216, park)
    store64(p + 224, adopt)
    store64(p + 232, discard)
    store64(state(48), p)
    return p


def pool_forget() -> None:
    """In a forked child: the parent's pool has no threads here (it is left allocated)."""
    store64(state(48), 0)


def pool_threads() -> int:
    """The threads a parallel loop runs on: the workers and the caller (1 without a pool)."""
    p = load64(state(48))
    if p == 0:
        return 1
    return load64(p + 240) + 1


def pool_use(workers: int) -> None:
    """Later jobs use only the first `workers` workers (at most all of them)."""
    p = load64(state(48))
    if p != 0 and 0 <= workers and workers <= load64(p + 208):
        pthread_mutex_lock(p)
        store64(p + 240, workers)
        pthread_mutex_unlock(p)


def pool_worker(index: int) -> None:
    """Worker `index`'s life: wait for a job, run its chunks, and again. Never returns."""
    p = load64(state(48))
    store64(p + 256 + 8 * index, pthread_self())
    pthread_mutex_lock(p)
    seen = load64(p + 200)
    while True:
        while load64(p + 200) == seen:
            pthread_cond_wait(p + 64, p)
        seen = load64(p + 200)
        job = load64(p + 192)
        if job != 0 and index < load64(p + 240):
            store64(job + 32, load64(job + 32) + 1)
            pool_chunks(p, job, 1)
            inside = load64(job + 32) - 1
            store64(job + 32, inside)
            if inside == 0:
                pthread_cond_broadcast(p + 128)


def pool_chunks(p: int, job: int, worker: int) -> None:
    """Claim and run chunks until none is left, one failed or the job stops; the mutex is held
    on entry and on return, not while a chunk runs. A worker's failing chunk parks its exception."""
    n = load64(job + 16)
    while load64(job + 40) < 0 and load64(job + 56) == 0 and load64(job + 24) < n:
        c = load64(job + 24)
        store64(job + 24, c + 1)
        pthread_mutex_unlock(p)
        status = call_c_int(load64(job), load64(job + 8), c, 0)
        if status != 0 and worker != 0:
            call_c(load64(p + 216), job, c, 0)
        pthread_mutex_lock(p)
        if status != 0:
            fail = load64(job + 40)
            if fail < 0 or c < fail:
                store64(job + 40, c)
            if worker != 0:
                store64(job + 72, load64(job + 72) + 1)
            else:
                store64(job + 48, c)


def pool_run(job: int) -> int:
    """Start a job (its words 0, 8 and 16 set by the caller) and run chunks in this thread. 1: the
    pool took it (call pool_wait until it returns 0); 0: the pool was busy with another job (or
    there is none), and this thread ran it alone, to its end."""
    store64(job + 24, 0)
    store64(job + 32, 0)
    store64(job + 40, -1)
    store64(job + 48, -1)
    store64(job + 56, 0)
    store64(job + 64, pthread_self())
    store64(job + 72, 0)
    p = load64(state(48))
    if p != 0:
        pthread_mutex_lock(p)
        if load64(p + 192) == 0:
            store64(p + 192, job)
            store64(p + 200, load64(p + 200) + 1)
            pthread_cond_broadcast(p + 64)
            store64(job + 32, 1)
            pool_chunks(p, job, 0)
            store64(job + 32, load64(job + 32) - 1)
            pthread_mutex_unlock(p)
            return 1
        pthread_mutex_unlock(p)
    n = load64(job + 16)
    c = 0
    while c < n:
        if call_c_int(load64(job), load64(job + 8), c, 0) != 0:
            store64(job + 40, c)
            store64(job + 48, c)
            return 0
        c += 1
    return 0


def pool_wait(job: int, milliseconds: int) -> int:
    """0 once no thread runs a chunk of the job any more (the pool is free again); 1 if that did
    not happen within the time given (the caller checks for interrupts, then waits again)."""
    p = load64(state(48))
    pthread_mutex_lock(p)
    while load64(job + 32) != 0:
        clock_gettime(0, job + 80)  # CLOCK_REALTIME, as pthread_cond_timedwait reads it
        nanos = load64(job + 88) + milliseconds * 1000000
        store64(job + 80, load64(job + 80) + nanos // 1000000000)
        store64(job + 88, nanos % 1000000000)
        if pthread_cond_timedwait(p + 128, p, job + 80) != 0 and load64(job + 32) != 0:
            pthread_mutex_unlock(p)
            return 1
    store64(p + 192, 0)
    pthread_mutex_unlock(p)
    return 0


def pool_stop(job: int) -> None:
    """An interrupt: no new chunk starts, and those running end at their next interrupt check
    (the counter moves, so their loops look; pool_stopping answers)."""
    p = load64(state(48))
    if p != 0:
        pthread_mutex_lock(p)
        store64(job + 56, 1)
        pthread_mutex_unlock(p)
    store64(state(32), load64(state(32)) + 1)


def pool_stop_mine() -> None:
    """The main thread's chunk raised KeyboardInterrupt: stop the job it runs, if any."""
    p = load64(state(48))
    if p == 0:
        return
    pthread_mutex_lock(p)
    job = load64(p + 192)
    mine = job != 0 and load64(job + 64) == pthread_self()
    pthread_mutex_unlock(p)
    if mine:
        pool_stop(job)


def pool_stopping() -> int:
    """1 if this thread runs a chunk of a job that was stopped (the chunk ends, failing)."""
    p = load64(state(48))
    if p == 0:
        return 0
    me = pthread_self()
    pthread_mutex_lock(p)
    job = load64(p + 192)
    stopped = 0
    if job != 0 and load64(job + 56) != 0:
        if load64(job + 64) == me:
            stopped = 1
        k = 0
        while k < load64(p + 208) and stopped == 0:
            if load64(p + 256 + 8 * k) == me:
                stopped = 1
            k += 1
    pthread_mutex_unlock(p)
    return stopped


def pool_adopt(job: int, chunk: int) -> None:
    """The exception chunk `chunk` parked becomes this thread's pending one; the others are dropped."""
    call_c(load64(load64(state(48)) + 224), job, chunk, 0)


def pool_discard(job: int) -> None:
    """Drop the exceptions the job's chunks parked."""
    call_c(load64(load64(state(48)) + 232), job, 0, 0)
