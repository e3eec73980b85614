package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.Json;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The head start an http step gets ({@link HttpKind#prepare}): the whole client exercised once, in-process. */
final class HttpWarmup {
    private HttpWarmup() {
    }

    /**
     * OkHttp, Kotlin's runtime and the JSON reader, initialised while the run is still being checked: one request
     * through the whole client (pool, interceptors, HTTP/1.1 codec, body) to a socket this process opens on loopback
     * and answers itself. Nothing outside the process is touched.
     */
    static void run(MediaType json) {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(2000);
            Thread answer = new Thread(() -> {
                try (java.net.Socket socket = server.accept()) {
                    socket.setSoTimeout(2000);
                    java.io.InputStream in = socket.getInputStream();
                    int matched = 0;
                    while (matched < 4) {
                        int b = in.read();
                        if (b < 0) {
                            return;
                        }
                        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                    }
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 11\r\nConnection: close\r\n\r\n{\"ok\": true}").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the head start is lost, nothing else
                }
            }, "prepare-http");
            answer.setDaemon(true);
            answer.start();
            OkHttpClient client = new OkHttpClient.Builder()
                    .connectionSpecs(java.util.List.of(okhttp3.ConnectionSpec.CLEARTEXT)).proxy(java.net.Proxy.NO_PROXY)
                    .callTimeout(2, TimeUnit.SECONDS).build();
            Request request = new Request.Builder().url("http://127.0.0.1:" + server.getLocalPort() + "/prepare").build();
            try (Response response = client.newCall(request).execute()) {
                Json.parse(response.body().string());
            }
            RequestBody.create("{}", json);
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        } catch (IOException | RuntimeException e) {
            // the head start is lost, nothing else
        }
    }
}
