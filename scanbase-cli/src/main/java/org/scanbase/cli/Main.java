// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import org.scanbase.dicom.DicomDictionary;
import org.scanbase.store.sqlite.SqliteStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code scanbase} command (DESIGN.md, "Stable command-line contract"). Exit codes: 0 on
 * success, 1 on a user error with exactly one line on stderr naming the file (and tag or
 * offset) at fault, 2 on bad usage (picocli's own handling). Only commands that exist are
 * registered: the others of the contract come with the issues that build them.
 */
@Command(name = "scanbase",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Medical imaging datasets: DICOM, NIfTI, RT structures, masks, views and a browser App.",
        subcommands = {InspectCommand.class, QuickstartCommand.class, RtstructCommand.class, ConvertCommand.class,
                DatasetsCommand.class, QueryCommand.class, ImportCommand.class, DemoDataCommand.class,
                DownloadCommand.class, ExportCommand.class, AppCommand.class, VideoCommand.class,
                ComputeCommand.class, EvaluateCommand.class})
public final class Main implements Runnable {
    /** Exit code of a user error: a bad or missing file. */
    public static final int USER_ERROR = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            prepareInBackground();
        }
        System.exit(commandLine(args).execute(args));
    }

    /**
     * Loads, on a daemon thread, what most commands need first once their arguments are parsed:
     * SQLite's native library and settings, then the DICOM dictionary. On a cold JVM each takes
     * tens of milliseconds of interpreted code, as long as picocli takes to build the command's
     * model on the main thread meanwhile. Whatever fails here is met again, and reported, by the
     * command itself.
     */
    private static void prepareInBackground() {
        Thread t = new Thread(() -> {
            SqliteStore.prepareDriver();
            try {
                DicomDictionary.standard();
            } catch (RuntimeException | LinkageError e) {
                // reported by the command that reads DICOM, if any
            }
        }, "scanbase-prepare");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The command line that runs {@code args}: when the first argument names a command, a root
     * with only that command, else (no command, {@code --help}, a typo) the whole tree. picocli
     * builds the model of each registered command by reflection, which on a cold JVM costs
     * tens of milliseconds for the whole tree: a one-shot command only needs its own.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0) {
            for (Class<?> command : Main.class.getAnnotation(Command.class).subcommands()) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) {
                    return new CommandLine(new Single()).addSubcommand(command);
                }
            }
        }
        return new CommandLine(new Main());
    }

    /** The root of {@link #commandLine} for one command: {@code scanbase} without the others. */
    @Command(name = "scanbase", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Medical imaging datasets: DICOM, NIfTI, RT structures, masks, views and a browser App.")
    static final class Single implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
        }
    }

    /** Without a subcommand there is nothing to do: bad usage. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }

    /**
     * Reports a user error as one line on the command's stderr and returns {@link #USER_ERROR}.
     * The message of scanbase's exceptions already names the file, tag and offset.
     */
    static int userError(CommandSpec spec, Exception e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("scanbase " + spec.name() + ": " + oneLine(describe(e)));
        err.flush();
        return USER_ERROR;
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException nsf) {
            return nsf.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException ad) {
            return ad.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
            return fse.getFile() + ": " + (fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The version from the jar's Maven metadata, or "development build" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = Main.class.getResourceAsStream(
                    "/META-INF/maven/org.scanbase/scanbase-cli/pom.properties")) {
                if (in == null) {
                    return new String[] {"scanbase (development build)"};
                }
                Properties p = new Properties();
                p.load(in);
                return new String[] {"scanbase " + p.getProperty("version", "(unknown version)")};
            }
        }
    }
}
