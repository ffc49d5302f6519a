// SPDX-License-Identifier: Apache-2.0
package org.scanbase.bench;

/** Benchmark entry point. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
    }
}
