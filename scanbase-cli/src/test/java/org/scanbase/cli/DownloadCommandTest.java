// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DownloadCommandTest {
    private static final String KEY = "s3cr3t-key";
    private static final String DATASET = "andrewmvd/covid19-ct-scans";

    @TempDir
    Path dir;

    /** Requests as "server path auth", auth being the Authorization header or "none". */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer api;
    private HttpServer storage;
    private byte[] zip;

    /** Exit code and captured streams of one in-process run. */
    record Run(int exit, String out, String err) {
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    /**
     * The Kaggle API on one port (basic auth checked, a redirect to a second path, then to the
     * storage server) and a storage server on another port serving the zip.
     */
    @BeforeEach
    void startServers() throws IOException {
        zip = covidZip(Map.of("ct_scans/coronacases_org_001.nii", "ct one", "lung_mask/coronacases_001.nii", "mask one",
                "metadata.csv", "ct_scan,lung_mask\n"));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        storage = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        storage.createContext("/", x -> {
            requests.add("storage " + x.getRequestURI().getPath() + " " + auth(x));
            reply(x, 200, zip);
        });
        storage.start();
        api = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        api.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            requests.add("api " + path + " " + auth(x));
            String expected = "Basic " + Base64.getEncoder().encodeToString(("ada:" + KEY).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                reply(x, 401, "{\"code\":401}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/v1/datasets/download/" + DATASET)) {
                redirect(x, "/blobs/" + DATASET + ".zip");
            } else if (path.equals("/blobs/" + DATASET + ".zip")) {
                redirect(x, "http://127.0.0.1:" + storage.getAddress().getPort() + "/bucket/covid.zip?sig=1");
            } else {
                reply(x, 404, "{\"code\":404}".getBytes(StandardCharsets.UTF_8));
            }
        });
        api.start();
    }

    @AfterEach
    void stopServers() {
        api.stop(0);
        storage.stop(0);
    }

    private static String auth(HttpExchange x) {
        String a = x.getRequestHeaders().getFirst("Authorization");
        return a == null ? "none" : a;
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().set("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] covidZip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Map<String, String> env(String key) {
        Map<String, String> env = new HashMap<>();
        env.put("KAGGLE_USERNAME", "ada");
        env.put("KAGGLE_KEY", key);
        env.put("SCANBASE_KAGGLE_URL", "http://127.0.0.1:" + api.getAddress().getPort());
        return env;
    }

    /** Runs {@code scanbase ARGS} in-process with {@code env} standing in for the environment. */
    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == DownloadCommand.class
                        ? cls.cast(new DownloadCommand(env, dir.resolve("user-home"), () -> dir.resolve("scanbase-home")))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = new CommandLine(new Main(), factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void downloadsIntoScanbaseHomeAndPrintsAJsonSummary() throws Exception {
        Run r = run(env(KEY), "download", "kaggle:" + DATASET, "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        Path folder = dir.resolve("scanbase-home/downloads/kaggle/andrewmvd/covid19-ct-scans");
        assertThat(folder.resolve("ct_scans/coronacases_org_001.nii")).hasContent("ct one");
        assertThat(folder.resolve("lung_mask/coronacases_001.nii")).hasContent("mask one");
        assertThat(folder.resolve("metadata.csv")).hasContent("ct_scan,lung_mask\n");
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("dataset").asText()).isEqualTo("kaggle:" + DATASET);
        assertThat(Path.of(doc.get("path").asText())).isEqualTo(folder);
        assertThat(doc.get("reused").asBoolean()).isFalse();
        assertThat(doc.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertThat(doc.get("zip_bytes").asLong()).isEqualTo(zip.length);
        assertThat(doc.get("files").asInt()).isEqualTo(3);
        assertThat(doc.get("bytes").asLong()).isEqualTo(6 + 8 + 18);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("download: kaggle:" + DATASET + " -> " + folder + " (3 files, 32 B unpacked")
                .doesNotContain(KEY);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ada:" + KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(requests).containsExactly(
                "api /api/v1/datasets/download/" + DATASET + " " + basic,
                "api /blobs/" + DATASET + ".zip " + basic,
                "storage /bucket/covid.zip none");
    }

    @Test
    void aSecondRunDownloadsNothingAndNeedsNoCredentials() throws Exception {
        Path out = dir.resolve("data/covid");
        assertThat(run(env(KEY), "download", "kaggle:" + DATASET, "--out", out.toString()).exit()).isZero();
        int before = requests.size();

        Run again = run(Map.of(), "download", "kaggle:" + DATASET, "--out", out.toString(), "--json");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(requests).hasSize(before);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.err()).startsWith("download: kaggle:" + DATASET + " is already in " + out)
                .contains("nothing downloaded");
        assertThat(new ObjectMapper().readTree(again.out()).get("reused").asBoolean()).isTrue();
    }

    @Test
    void aRejectedKeyIsOneLineWithoutTheKey() {
        Run r = run(env("wrong-key"), "download", "kaggle:" + DATASET);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("scanbase download: Kaggle refused kaggle:" + DATASET
                + " to user 'ada' (HTTP 401): the credentials from KAGGLE_USERNAME/KAGGLE_KEY were rejected");
    }

    @Test
    void anUnknownDatasetIsOneLine() {
        Run r = run(env(KEY), "download", "kaggle:nobody/nothing");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("scanbase download: no such dataset on Kaggle: kaggle:nobody/nothing "
                + "(HTTP 404 from http://127.0.0.1:" + api.getAddress().getPort() + ")");
    }

    @Test
    void missingCredentialsSayWhereTheyAreLookedFor() {
        Run r = run(Map.of(), "download", "kaggle:" + DATASET);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("scanbase download: no Kaggle API credentials: set KAGGLE_USERNAME and KAGGLE_KEY")
                .contains(dir.resolve("user-home/.kaggle/kaggle.json").toString());
        assertThat(requests).isEmpty();
    }

    @Test
    void credentialsFromKaggleJsonWork() throws Exception {
        Path kaggle = Files.createDirectories(dir.resolve("user-home/.kaggle"));
        Files.writeString(kaggle.resolve("kaggle.json"), "{\"username\":\"ada\",\"key\":\"" + KEY + "\"}");
        Map<String, String> env = Map.of("SCANBASE_KAGGLE_URL", "http://127.0.0.1:" + api.getAddress().getPort());
        Run r = run(env, "download", "kaggle:" + DATASET, "--out", dir.resolve("covid").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("covid/metadata.csv")).exists();
    }

    @Test
    void aMaliciousZipIsRefusedAndNothingIsWrittenOutside() throws Exception {
        zip = covidZip(Map.of("ct_scans/a.nii", "fine", "../evil.txt", "pwned"));
        Path out = dir.resolve("data/covid");
        Run r = run(env(KEY), "download", "kaggle:" + DATASET, "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("scanbase download: kaggle:" + DATASET + " (zip from http://127.0.0.1:"
                + api.getAddress().getPort() + "): entry '../evil.txt' climbs out of the target folder with '..'");
        assertThat(out).doesNotExist();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(all::add);
        }
        assertThat(all).isEmpty();
    }

    @Test
    void offlineSuggestsTheDemoData() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = env(KEY);
        env.put("SCANBASE_KAGGLE_URL", "http://127.0.0.1:" + closed);
        Run r = run(env, "download", "kaggle:" + DATASET);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("scanbase download: cannot reach http://127.0.0.1:" + closed
                + ": connection refused (offline? the demo data works offline: scanbase demo-data)");
    }

    @Test
    void aMalformedDatasetIsBadUsage() {
        Run r = run(env(KEY), "download", "andrewmvd/covid19-ct-scans");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("expected kaggle:OWNER/DATASET");
        assertThat(requests).isEmpty();
    }
}
