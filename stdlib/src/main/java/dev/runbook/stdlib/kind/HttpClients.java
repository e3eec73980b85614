package dev.runbook.stdlib.kind;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.util.concurrent.TimeUnit;

/**
 * The one HTTP client of a run: its connection pool is shared by every http step (and every element of a
 * parallel for_each), so repeated requests to a host reuse connections. TLS is verified; nothing turns that off.
 */
public final class HttpClients implements AutoCloseable {
    private final OkHttpClient client;

    public HttpClients() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        this.client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .dispatcher(dispatcher)
                .retryOnConnectionFailure(false)
                .build();
    }

    public OkHttpClient client() {
        return client;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
