package org.filesync.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP client (java.net.http) for the container's {@code /filesync/} paths: users log in with
 * HTTP Basic, their password being their name ({@code karaf}, {@code viewer}, {@code nobody}, see
 * {@link FileSyncTestSupport}).
 */
final class HttpTestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: its status, headers and body. */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The {@code error} of a JSON error body. */
        String error() {
            return json().path("error").asText(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    HttpTestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** The container's HTTP port, from the property {@link FileSyncTestSupport} sets. */
    static HttpTestClient inContainer() {
        return new HttpTestClient(Integer.getInteger(FileSyncTestSupport.HTTP_PORT_PROPERTY));
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path, String user) {
        return send("GET", path, user, null, Map.of());
    }

    Answer post(String path, String user, String json) {
        return send("POST", path, user, json, Map.of());
    }

    Answer put(String path, String user, String json) {
        return send("PUT", path, user, json, Map.of());
    }

    Answer delete(String path, String user) {
        return send("DELETE", path, user, null, Map.of());
    }

    /** Sends a request; {@code user} null sends no credentials, a JSON body goes as application/json. */
    Answer send(String method, String path, String user, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One Server-Sent Event. */
    record SseEvent(Long id, String event, JsonNode data) {}

    /**
     * An open {@code /filesync/api/events} stream, read on its own thread into a queue. Opened only
     * once the server's opening comment has arrived, so that every later event is seen.
     */
    final class EventStream implements AutoCloseable {

        final int status;
        final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        private final InputStream body;
        private final CountDownLatch opened = new CountDownLatch(1);
        private final String errorBody;

        EventStream(String user, Long lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/filesync/api/events"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", basic(user));
            if (lastEventId != null) {
                request.header("Last-Event-ID", Long.toString(lastEventId));
            }
            HttpResponse<InputStream> response =
                    client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            if (status != 200) {
                errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return;
            }
            errorBody = null;
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
            if (!opened.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the event stream sent no opening comment");
            }
        }

        String errorBody() {
            return errorBody;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                Long id = null;
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(":")) {
                        opened.countDown();
                    } else if (line.startsWith("id: ")) {
                        id = Long.parseLong(line.substring(4));
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    } else if (line.isEmpty() && event != null) {
                        events.add(new SseEvent(id, event, JSON.readTree(data.toString())));
                        id = null;
                        event = null;
                        data.setLength(0);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        /** The next event, waiting at most until the deadline. */
        SseEvent next(long deadlineNanos) throws InterruptedException {
            SseEvent event = events.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no event arrived in time");
            }
            return event;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
