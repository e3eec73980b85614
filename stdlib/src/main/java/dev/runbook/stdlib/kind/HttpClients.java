package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.Version;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP client of a run: its connection pool is shared by every http step (and every element of a
 * parallel for_each), so repeated requests to a host reuse connections. It honours the operator's environment as
 * curl does: proxies (EnvironmentProxies) and SSL_CERT_FILE (TrustedCertificates). TLS is verified; nothing turns
 * that off. Redirects and retries are the step's (HttpKind), so that credentials never follow a redirect to
 * another origin and a request that may have reached the server is never sent again.
 */
public final class HttpClients implements AutoCloseable {
    static final String USER_AGENT = "runbook/" + Version.get();
    private final Map<String, String> environment;
    private final EnvironmentProxies proxies;
    private final ConnectionPool pool = new ConnectionPool(64, 5, TimeUnit.MINUTES);
    private final OkHttpClient plain;
    private volatile OkHttpClient tls;
    private volatile TrustedCertificates trust;

    /**
     * @throws IllegalArgumentException when the environment names a proxy that is not a URL: the message says which
     */
    public HttpClients(Map<String, String> environment) {
        this.environment = environment;
        this.proxies = new EnvironmentProxies(environment);
        // Plain http needs no trust store: the TLS client, and the JVM's CAs, are made on the first https request.
        this.plain = base().connectionSpecs(java.util.List.of(okhttp3.ConnectionSpec.CLEARTEXT)).build();
    }

    private OkHttpClient.Builder base() {
        return new OkHttpClient.Builder()
                .connectionPool(pool)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .proxySelector(proxies)
                .proxyAuthenticator((route, response) -> {
                    String credentials = route == null ? null
                            : proxies.credentials(route.address().url().scheme(), route.address().url().host());
                    if (credentials == null || credentials.equals(response.request().header("Proxy-Authorization"))) {
                        return null;  // no credentials, or the proxy refused them: the 407 is the answer
                    }
                    return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
                });
    }

    /** At most this many clients with a step's own timeouts are kept (a run has few distinct timeouts). */
    private static final int KEPT_CLIENTS = 64;
    private final Map<ClientKind, OkHttpClient> withTimeouts = new java.util.concurrent.ConcurrentHashMap<>();

    private record ClientKind(boolean https, long timeoutMillis, boolean pooled) {
    }
    /** Keeps no idle connection: a request that must not be repeated goes on a connection of its own. */
    private final ConnectionPool unpooled = new ConnectionPool(0, 1, TimeUnit.SECONDS);

    /**
     * The client for a step: this scheme, the step's timeout, pooled connections or a fresh one per request, and
     * the events of each call to the listener its request carries. Made once per such kind of step, not per request:
     * {@code events} must be the same factory on every call (a kept client has the first one).
     */
    OkHttpClient client(boolean https, java.time.Duration timeout, boolean pooled, okhttp3.EventListener.Factory events) {
        ClientKind key = new ClientKind(https, timeout.toMillis(), pooled);
        OkHttpClient kept = withTimeouts.get(key);
        if (kept != null) {
            return kept;
        }
        long millis = timeout.toMillis();
        OkHttpClient.Builder builder = client(https).newBuilder()
                .callTimeout(millis, TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(millis, 10_000), TimeUnit.MILLISECONDS)
                // The call's timeout bounds every read and write of it; a timeout per read or write as well would
                // enter Okio's watchdog queue (and wake its thread) on each of them.
                .readTimeout(0, TimeUnit.MILLISECONDS)
                .writeTimeout(0, TimeUnit.MILLISECONDS)
                .eventListenerFactory(events);
        if (!pooled) {
            builder.connectionPool(unpooled);
        }
        OkHttpClient client = builder.build();
        if (withTimeouts.size() < KEPT_CLIENTS) {
            withTimeouts.putIfAbsent(key, client);
        }
        return client;
    }

    /** The client for a URL of this scheme; the TLS one is made when first needed (SSL_CERT_FILE read then). */
    public OkHttpClient client(boolean https) {
        if (!https) {
            return plain;
        }
        OkHttpClient client = tls;
        if (client == null) {
            synchronized (this) {
                if (tls == null) {
                    try {
                        trust = TrustedCertificates.of(environment.get("SSL_CERT_FILE"));
                        tls = base().sslSocketFactory(trust.socketFactory(), trust).build();
                    } catch (IOException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                }
                client = tls;
            }
        }
        return client;
    }

    TrustedCertificates trust() {
        return trust;
    }

    EnvironmentProxies proxies() {
        return proxies;
    }

    void evictIdleConnections() {
        pool.evictAll();
    }

    @Override
    public void close() {
        pool.evictAll();
        unpooled.evictAll();
    }
}
