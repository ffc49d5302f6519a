// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.scanbase.dataset.Catalog;
import org.scanbase.server.AppOptions;
import org.scanbase.server.AppServer;
import org.scanbase.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase app [--host 127.0.0.1] [--port 5151] [--dataset NAME] [--token T]}: serves the
 * browser App until Ctrl-C. Loopback needs no token; any other host gets one (given or
 * generated), printed in the URL.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Start the browser App on this machine (Ctrl-C stops it).")
public final class AppCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = AppOptions.LOOPBACK,
            description = "Address to bind (default: ${DEFAULT-VALUE}); any other than loopback requires a token.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5151",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset the App opens first.")
    String dataset;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token (default: generated when the host is not loopback).")
    String token;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be in 0..65535, was " + port);
        }
        try (Catalog catalog = store.open()) {
            if (dataset != null && !catalog.exists(dataset)) {
                throw new StoreException("no dataset named '" + dataset + "'");
            }
            return serve(spec, catalog, new AppOptions(host, port, token, dataset));
        } catch (StoreException e) {
            return Main.userError(spec, e);
        }
    }

    /**
     * Starts the App over an open catalog, prints its URL on stderr (stdout stays free for a
     * command's JSON) and blocks until the JVM is asked to stop (or the thread is interrupted).
     */
    static int serve(CommandSpec spec, Catalog catalog, AppOptions options) {
        PrintWriter err = spec.commandLine().getErr();
        AppServer app;
        try {
            app = AppServer.start(catalog, options);
        } catch (RuntimeException e) {
            return Main.userError(spec, new IllegalStateException("cannot listen on " + options.host() + ":"
                    + options.port() + ": " + rootMessage(e)));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "scanbase-app-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("scanbase App: " + app.url());
        if (options.dataset() != null) {
            err.println("Dataset: " + options.dataset());
        }
        err.println("Press Ctrl-C to stop.");
        err.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped by the program that runs the command (tests), not by the JVM
            Runtime.getRuntime().removeShutdownHook(hook);
            app.close();
        }
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
