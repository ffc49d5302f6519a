// SPDX-License-Identifier: Apache-2.0
package org.scanbase.server;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scanbase.dataset.Catalog;
import org.scanbase.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scanbase App: the JSON API of {@code scanbase-app/API.md} and the web UI on one port.
 * Binds loopback unless told otherwise; any other bind requires a token on every request.
 *
 * <pre>{@code
 * try (AppServer app = AppServer.start(catalog, AppOptions.loopback())) {
 *   System.out.println(app.url());
 * }
 * }</pre>
 * The server does not own the catalog: close it after the server.
 */
public final class AppServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AppServer.class);
  private final Javalin javalin;
  private final AppOptions options;
  private final AccessGuard guard;

  private AppServer(Javalin javalin, AppOptions options, AccessGuard guard) {
    this.javalin = javalin;
    this.options = options;
    this.guard = guard;
  }

  /** Starts the App over {@code catalog}; returns once it listens. */
  public static AppServer start(Catalog catalog, AppOptions options) {
    AccessGuard guard = AccessGuard.forBind(options.host(), options.token());
    StaticFiles statics = new StaticFiles();
    DatasetRoutes datasets = new DatasetRoutes(catalog);
    MediaRoutes media = new MediaRoutes(datasets, catalog);
    Javalin javalin = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = 4_000_000L;
      RoutesConfig r = cfg.routes;
      r.before(guard::check);
      r.get("/api/config", ctx -> ApiJson.send(ctx, config(options, guard)));
      datasets.register(r);
      media.register(r);
      r.get("/api/<rest>", ctx -> {
        throw ApiException.notFound("no API endpoint " + ctx.method() + " " + ctx.path());
      });
      r.get("/", ctx -> statics.serve(ctx, ""));
      r.get("/<path>", ctx -> statics.serve(ctx, ctx.pathParam("path")));
      r.exception(ApiException.class, (e, ctx) -> error(ctx, e));
      r.exception(IllegalArgumentException.class, (e, ctx) -> ApiJson.error(ctx, 400, e.getMessage(), null));
      r.exception(StoreException.class, (e, ctx) -> ApiJson.error(ctx, 500, e.getMessage(), null));
      r.exception(Exception.class, (e, ctx) -> {
        LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
        ApiJson.error(ctx, 500, "internal error: " + e, null);
      });
    });
    javalin.start(options.host(), options.port());
    return new AppServer(javalin, options, guard);
  }

  private static void error(Context ctx, ApiException e) {
    if (!ctx.path().startsWith("/api/") && e.status() == 401) {
      ctx.status(401).contentType("text/plain; charset=utf-8").result(e.getMessage());
      return;
    }
    ApiJson.error(ctx, e.status(), e.getMessage(), e instanceof ViewRequest.SyntaxError s ? s.extra() : null);
  }

  private static Map<String, Object> config(AppOptions options, AccessGuard guard) {
    Map<String, Object> out = new LinkedHashMap<>();
    String version = AppServer.class.getPackage().getImplementationVersion();
    out.put("version", version == null ? "dev" : version);
    out.put("dataset", options.dataset());
    out.put("token_required", guard.token() != null);
    return out;
  }

  /** The port the server listens on (the chosen one when started on port 0). */
  public int port() {
    return javalin.port();
  }

  /** The token every request must carry, or null on a loopback bind without one. */
  public String token() {
    return guard.token();
  }

  /** The address to open: {@code http://host:port/}, with {@code ?token=} when one is needed. */
  public String url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    if (host.equals("0.0.0.0")) {
      host = "localhost";
    }
    String url = "http://" + host + ":" + port() + "/";
    return token() == null ? url : url + "?token=" + token();
  }

  /** Stops the server (the catalog stays open). */
  @Override
  public void close() {
    javalin.stop();
  }
}
