// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.scanbase.core.Progress;
import org.scanbase.download.DownloadResult;
import org.scanbase.download.KaggleCredentials;
import org.scanbase.download.KaggleDataset;
import org.scanbase.download.KaggleDownloader;
import org.scanbase.download.SafeUnzip;
import org.scanbase.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scanbase download kaggle:OWNER/DATASET [--out DIR] [--json]}: the kagglehub step of the
 * seed (org.scanbase.download). Credentials come from {@code KAGGLE_USERNAME}/{@code KAGGLE_KEY},
 * else {@code kaggle.json} in {@code $KAGGLE_CONFIG_DIR} or {@code ~/.kaggle}; the server from
 * {@code SCANBASE_KAGGLE_URL}, default https://www.kaggle.com. The dataset lands in DIR, default
 * {@code $SCANBASE_HOME/downloads/kaggle/OWNER/DATASET}; a finished download there is reused
 * without credentials or network. One summary line goes to stderr (with progress bars before it
 * on a terminal); with {@code --json}, {@code {"dataset", "path", "reused", "sha256",
 * "zip_bytes", "files", "bytes", "seconds"}} to stdout. Missing or rejected credentials, an
 * unknown dataset, no network and a refused archive are user errors (exit 1, one line); a
 * malformed {@code kaggle:OWNER/DATASET} is bad usage (exit 2).
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a Kaggle dataset with your Kaggle API key and unzip it safely (no paths outside "
                + "the folder, no links, no zip bombs); a finished download is reused.",
                "Credentials: KAGGLE_USERNAME and KAGGLE_KEY, else ~/.kaggle/kaggle.json. Offline? Use "
                        + "'scanbase demo-data' instead."})
public final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "kaggle:OWNER/DATASET",
            description = "The dataset, e.g. kaggle:andrewmvd/covid19-ct-scans.")
    String source;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The dataset folder (absent or empty); default $SCANBASE_HOME/downloads/kaggle/OWNER/DATASET.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    private final Map<String, String> env;
    private final Path userHome;
    private final Supplier<Path> scanbaseHome;

    /** The command as run: the process environment, the user's home and {@link Stores#home()}. */
    public DownloadCommand() {
        this(System.getenv(), Path.of(System.getProperty("user.home")), Stores::home);
    }

    /** For tests, which cannot set environment variables: the variables, home and SCANBASE_HOME to use. */
    DownloadCommand(Map<String, String> env, Path userHome, Supplier<Path> scanbaseHome) {
        this.env = Map.copyOf(env);
        this.userHome = userHome;
        this.scanbaseHome = scanbaseHome;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        KaggleDataset dataset;
        try {
            dataset = KaggleDataset.parse(source);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path folder = out != null ? out : KaggleDownloader.defaultFolder(scanbaseHome.get(), dataset);
        DownloadResult result;
        try {
            Optional<DownloadResult> done = KaggleDownloader.completed(dataset, folder);
            if (done.isPresent()) {
                result = done.get();
            } else {
                KaggleCredentials credentials = KaggleCredentials.find(env, userHome);
                URI base = KaggleDownloader.baseUrl(env);
                result = new KaggleDownloader(base, SafeUnzip.Limits.defaults())
                        .download(dataset, folder, credentials, ProgressBars.forBytes());
            }
        } catch (IOException e) {
            return Main.userError(spec, e);
        }
        double seconds = Math.round((System.nanoTime() - start) / 1e6) / 1000.0;
        PrintWriter err = spec.commandLine().getErr();
        err.println(humanSummary(result, seconds));
        err.flush();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("dataset", dataset.toString());
            summary.put("path", result.folder().toString());
            summary.put("reused", result.reused());
            summary.put("sha256", result.marker().sha256());
            summary.put("zip_bytes", result.marker().zipBytes());
            summary.put("files", result.marker().files());
            summary.put("bytes", result.marker().bytes());
            summary.put("seconds", seconds);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.write(summary));
            stdout.flush();
        }
        return 0;
    }

    private static String humanSummary(DownloadResult r, double seconds) {
        var m = r.marker();
        if (r.reused()) {
            return "download: " + r.dataset() + " is already in " + r.folder() + " (downloaded " + m.completedAt()
                    + ", " + m.files() + " files): nothing downloaded; delete the folder to download again";
        }
        return String.format(Locale.ROOT, "download: %s -> %s (%d files, %s unpacked from a %s zip, sha256 %s) in %.1f s",
                r.dataset(), r.folder(), m.files(), size(m.bytes()), size(m.zipBytes()), m.sha256(), seconds);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
