// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scanbase app} and quickstart's App: the URL printed, the API behind it, the errors. */
class AppCommandTest {
  private static final Pattern URL = Pattern.compile("scanbase App: (http://\\S+)");

  @TempDir
  Path dir;

  /** A command that serves until interrupted, run in a thread. */
  private static final class Running implements AutoCloseable {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicInteger exit = new AtomicInteger(-1);
    final Thread thread;

    Running(String... args) {
      CommandLine cl = new CommandLine(new Main());
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      thread = new Thread(() -> exit.set(cl.execute(args)));
      thread.start();
    }

    String url() throws InterruptedException {
      for (int i = 0; i < 1200; i++) {
        Matcher m = URL.matcher(err.toString());
        if (m.find()) {
          return m.group(1);
        }
        if (!thread.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no URL printed; stderr: " + err + " stdout: " + out);
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(20_000);
    }
  }

  private static HttpResponse<String> get(String url, String path) throws Exception {
    URI u = URI.create(url);
    String query = u.getQuery() == null ? "" : "?" + u.getQuery();
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(u.getScheme() + "://" + u.getAuthority() + path + query)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void quickstartImportsBothDatasetsThenServesThemInTheApp() throws Exception {
    String db = "sqlite:" + dir.resolve("qs.db");
    try (Running qs = new Running("quickstart", "--dir", dir.resolve("demo").toString(), "--db", db, "--port", "0", "--json")) {
      String url = qs.url();
      assertThat(url).startsWith("http://127.0.0.1:").doesNotContain("token");
      HttpResponse<String> r = get(url, "/api/datasets");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"hippocampus-mri\"").contains("\"covid19-ct\"");
      assertThat(get(url, "/api/config").body()).contains("\"dataset\":\"hippocampus-mri\"");
      assertThat(qs.out.toString().trim()).startsWith("{").endsWith("}");
      qs.close();
      assertThat(qs.exit.get()).isZero();
    }
  }

  @Test
  void servesTheAppWithATokenOffLoopbackUntilStopped() throws Exception {
    String db = "sqlite:" + dir.resolve("qs.db");
    assertThat(new CommandLine(new Main()).execute("quickstart", "--no-app", "--dir", dir.resolve("demo").toString(),
        "--db", db)).isZero();
    try (Running app = new Running("app", "--host", "0.0.0.0", "--port", "0", "--db", db, "--dataset", "covid19-ct")) {
      String url = app.url();
      assertThat(url).contains("?token=");
      assertThat(get(url, "/api/datasets/covid19-ct").body()).contains("\"media_type\":\"volume\"");
      String noToken = url.substring(0, url.indexOf('?'));
      assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(noToken.replace("localhost",
          "127.0.0.1") + "api/datasets")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      app.close();
      assertThat(app.exit.get()).isZero();
    }
  }

  @Test
  void refusesAnUnknownDatasetWithOneLineAndABadPortAsUsage() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("app", "--db", "sqlite:" + dir.resolve("x.db"), "--dataset", "nope", "--port", "0")).isEqualTo(1);
    assertThat(err.toString().trim().lines()).hasSize(1);
    assertThat(err.toString()).contains("nope");
    CommandLine bad = new CommandLine(new Main());
    bad.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(bad.execute("app", "--port", "70000", "--db", "sqlite:" + dir.resolve("x.db"))).isEqualTo(2);
    assertThat(bad.execute("app", "--port", "abc")).isEqualTo(2);
  }
}
