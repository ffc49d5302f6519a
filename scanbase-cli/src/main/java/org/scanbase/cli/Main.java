// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

/** Entry point of the runnable jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
