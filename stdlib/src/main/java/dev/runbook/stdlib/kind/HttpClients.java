package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.Version;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
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
    private final OkHttpClient client;
    private final TrustedCertificates trust;
    private final EnvironmentProxies proxies;

    /**
     * @throws IllegalArgumentException when the environment names a proxy that is not a URL, or an SSL_CERT_FILE
     *                                  that cannot be read: the message says which
     */
    public HttpClients(Map<String, String> environment) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        this.proxies = new EnvironmentProxies(environment);
        try {
            this.trust = TrustedCertificates.of(environment.get("SSL_CERT_FILE"));
            this.client = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                    .dispatcher(dispatcher)
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
                    })
                    .sslSocketFactory(trust.socketFactory(), trust)
                    .addInterceptor(chain -> chain.request().header("User-Agent") != null ? chain.proceed(chain.request())
                            : chain.proceed(chain.request().newBuilder().header("User-Agent", USER_AGENT).build()))
                    .build();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public OkHttpClient client() {
        return client;
    }

    TrustedCertificates trust() {
        return trust;
    }

    EnvironmentProxies proxies() {
        return proxies;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
