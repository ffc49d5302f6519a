// SPDX-License-Identifier: Apache-2.0
package org.scanbase.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void runsEveryTaskExactlyOnceOnSeveralThreads() throws IOException {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Workers.run(1000, 4, i -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread().getName());
        });

        for (int i = 0; i < 1000; i++) {
            assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
        }
        assertThat(threads).allSatisfy(t -> assertThat(t).satisfiesAnyOf(
                n -> assertThat(n).startsWith("scanbase-volume-"),
                n -> assertThat(n).isEqualTo(Thread.currentThread().getName())));
    }

    @Test
    void runsTasksInOrderOnTheCallersThreadWhenGivenOne() throws IOException {
        List<Integer> order = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Workers.run(5, 1, i -> {
            order.add(i);
            threads.add(Thread.currentThread());
        });

        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @RepeatedTest(5)
    void reportsTheLowestFailingTaskAsASerialLoopWouldWhateverThreadRanIt() {
        // task 900 fails at once, task 3 only after a while: the error must still be task 3's
        assertThatThrownBy(() -> Workers.run(1000, 4, i -> {
            if (i == 3) {
                sleep(50);
                throw new IOException("task 3");
            }
            if (i == 900 || i == 901) {
                throw new IOException("task " + i);
            }
        })).isInstanceOf(IOException.class).hasMessage("task 3");
    }

    @Test
    void passesUncheckedExceptionsThroughUnwrapped() {
        assertThatThrownBy(() -> Workers.run(10, 2, i -> {
            if (i == 7) {
                throw new IllegalStateException("task 7");
            }
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("task 7");
    }

    @Test
    void refusesFewerThanOneThread() {
        assertThatThrownBy(() -> Workers.run(3, 0, i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be >= 1, was 0");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
