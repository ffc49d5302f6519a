// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the independent per-file tasks of a scan or an assembly (tasks {@code 0..n-1}, each
 * writing only its own slot or slab) on a few threads: the caller's and up to {@code threads - 1}
 * short-lived ones, which take the next task as they finish one. The result never depends on the
 * scheduling: a failure is reported as the serial loop would report it, by the lowest failing
 * task, whatever thread ran it.
 */
final class Workers {
    /**
     * Threads used when the caller does not say. Reading slices from the page cache is bound by
     * memory bandwidth, which a few cores saturate; more threads only add contention.
     */
    static final int DEFAULT_MAX = 4;

    private Workers() {
    }

    /** One task; throws to stop the run. */
    @FunctionalInterface
    interface Task {
        void run(int index) throws IOException;
    }

    /** {@code min(4, available processors)}. */
    static int defaultThreads() {
        return Math.max(1, Math.min(DEFAULT_MAX, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs tasks {@code 0..n-1}; with one thread (or one task) in order on the caller's thread.
     * When tasks fail, no task is started after the first failure, the tasks already started
     * finish, and the failure of the lowest task is thrown: the one a serial loop would meet.
     *
     * @throws IOException as thrown by the lowest failing task; a RuntimeException or Error it
     *                     throws passes through unwrapped too
     */
    static void run(int n, int threads, Task task) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (threads == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.run(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Throwable[] failures = new Throwable[n];
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    task.run(i);
                } catch (IOException | RuntimeException | Error e) {
                    failures[i] = e;
                    // every lower task was handed out before this one and still runs to its end
                    next.set(n);
                }
            }
        };
        Thread[] helpers = new Thread[Math.min(threads, n) - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(worker, "scanbase-volume-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread h : helpers) {
            while (true) {
                try {
                    h.join();
                    break;
                } catch (InterruptedException e) {
                    // the helpers write into the caller's arrays: wait for them, then restore the flag
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable f : failures) {
            if (f instanceof IOException e) {
                throw e;
            }
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }
    }
}
