// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of the command line in this JVM: its exit code and what it printed on stdout and stderr. */
record CliRun(int exit, String out, String err) {

    /** Runs {@code scanbase ARGS...} exactly as given, through the command line {@code main} builds. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * Runs {@code scanbase ARGS... --db DB}, leaving out {@code --db} for the commands that take no
     * store ({@code demo-data}, {@code video reencode}).
     */
    static CliRun on(String db, String... args) {
        boolean noStore = args[0].equals("demo-data")
                || args[0].equals("video") && args.length > 1 && args[1].equals("reencode");
        if (noStore) {
            return of(args);
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db);
        return of(all.toArray(String[]::new));
    }

    /** The lines of stderr (none when it is empty). */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }
}
