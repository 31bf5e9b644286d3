package org.filesync.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.Servlet;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.filesync.api.FileSyncEvents;
import org.filesync.api.InvalidRequestException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /filesync/api/events}: the EventAdmin events of {@link FileSyncEvents} as Server-Sent Events.
 * Each event has an increasing {@code id:}; a client that reconnects with {@code Last-Event-ID} (or
 * {@code ?lastEventId=}) gets the events it missed from a bounded ring ({@link EventRing}), preceded
 * by an {@code event: filesync/gap} when some were already gone. Streams are asynchronous (no
 * container thread waits on them), written by a small pool with one task per stream at a time,
 * kept alive by comment lines, closed after a configured lifetime and on deactivation, and capped
 * in number (503 beyond).
 */
@Component(
        name = "org.filesync.http.events",
        configurationPid = HttpConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {Servlet.class, EventHandler.class},
        property = {
            // the topics of FileSyncEvents (and schedule holds once schedules post them); not the
            // JobManager's filesync/job/* events, whose per-job progress would crowd the ring
            EventConstants.EVENT_TOPIC + "=filesync/conduit/*",
            EventConstants.EVENT_TOPIC + "=filesync/sync/*",
            EventConstants.EVENT_TOPIC + "=filesync/verification/*",
            EventConstants.EVENT_TOPIC + "=filesync/conflict/*",
            EventConstants.EVENT_TOPIC + "=filesync/schedule/*"
        })
@HttpWhiteboardContextSelect(FileSyncHttpContext.SELECT)
@HttpWhiteboardServletPattern("/api/events")
@HttpWhiteboardServletName("filesync-events")
@HttpWhiteboardServletAsyncSupported
public class EventStreamServlet extends HttpServlet implements EventHandler {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamServlet.class);

    /** The topic of the notice that events after the client's last id were lost. */
    static final String GAP_TOPIC = "filesync/gap";

    private static final int BATCH = 256;

    private final transient EventRing ring;
    private final transient Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final transient ThreadPoolExecutor writers;
    private final transient ScheduledExecutorService heartbeat;
    private final int maxStreams;
    private final long streamMillis;
    private volatile boolean closing;

    @Activate
    public EventStreamServlet(HttpConfig config) {
        ring = new EventRing(Math.max(1, config.events_buffer()));
        maxStreams = Math.max(1, config.events_max_streams());
        streamMillis = Math.max(1, config.events_stream_minutes()) * 60_000L;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "filesync-http-events-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // at most one task per stream at a time, and at most maxStreams streams: never rejected
        writers = new ThreadPoolExecutor(0, maxStreams, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
        heartbeat = Executors.newSingleThreadScheduledExecutor(factory);
        long period = Math.max(1, config.events_heartbeat_seconds());
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        closing = true;
        heartbeat.shutdownNow();
        for (Stream stream : streams) {
            stream.close();
        }
        writers.shutdown();
        try {
            if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void handleEvent(Event event) {
        ObjectNode data = Json.object();
        data.put("topic", event.getTopic());
        data.put("time", Instant.now().toString());
        ObjectNode properties = data.putObject("properties");
        for (String name : event.getPropertyNames()) {
            if (name.equals(EventConstants.EVENT_TOPIC)) {
                continue;
            }
            properties.set(name, Json.MAPPER.valueToTree(event.getProperty(name)));
        }
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.debug("Event {} not streamed: {}", event.getTopic(), e.toString());
            return;
        }
        ring.append(event.getTopic(), json);
        streams.forEach(Stream::signal);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET")) {
            Json.methodNotAllowed(response, request.getMethod(), "GET");
            return;
        }
        long seen;
        try {
            seen = lastEventId(request);
        } catch (InvalidRequestException e) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        if (closing) {
            Json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The event stream is stopping");
            return;
        }
        Stream stream;
        synchronized (streams) {
            if (streams.size() >= maxStreams) {
                response.setHeader("Retry-After", "10");
                Json.error(
                        response,
                        HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "Too many event streams open (" + maxStreams + "): close one or try again later");
                return;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no"); // a proxy must not hold events back
            AsyncContext context = request.startAsync();
            context.setTimeout(streamMillis);
            stream = new Stream(context, seen < 0 ? ring.lastId() : seen, seen >= 0);
            context.addListener(stream);
            streams.add(stream);
        }
        stream.signal();
    }

    /** The id after which the client wants events, or -1 for "from now on". */
    private static long lastEventId(HttpServletRequest request) {
        String[] parameter = QueryParameters.parse(request.getQueryString()).get("lastEventId");
        QueryParameters.of(request, Set.of("lastEventId"));
        String header = request.getHeader("Last-Event-ID");
        String value = header != null ? header : parameter == null ? null : parameter[0];
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid Last-Event-ID '" + value + "': expected a non-negative number");
    }

    private void beat() {
        streams.forEach(Stream::beat);
    }

    /** One client's stream: what it has been sent, and at most one writer task at a time. */
    private final class Stream implements AsyncListener {

        private final AsyncContext context;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean heartbeatDue;
        private volatile boolean opened;
        private final boolean resumed;
        private long sent; // only the writer task touches it

        Stream(AsyncContext context, long sent, boolean resumed) {
            this.context = context;
            this.sent = sent;
            this.resumed = resumed;
        }

        void signal() {
            if (closed.get() || !scheduled.compareAndSet(false, true)) {
                return;
            }
            try {
                writers.execute(this::write);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false);
                close();
            }
        }

        void beat() {
            heartbeatDue = true;
            signal();
        }

        private void write() {
            try {
                ServletOutputStream out = context.getResponse().getOutputStream();
                if (!opened) {
                    opened = true;
                    // how long a browser waits before it reconnects; the comment tells a client the stream is open
                    out.write("retry: 3000\n: filesync events\n\n".getBytes(StandardCharsets.UTF_8));
                }
                boolean first = true;
                while (!closed.get()) {
                    EventRing.Batch batch = ring.after(sent, BATCH);
                    if (batch.gap() && first && (resumed || sent > 0)) {
                        out.write(("event: " + GAP_TOPIC + "\ndata: {\"after\":" + sent + "}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    first = false;
                    if (batch.entries().isEmpty()) {
                        break;
                    }
                    StringBuilder text = new StringBuilder();
                    for (EventRing.Entry entry : batch.entries()) {
                        text.append("id: ").append(entry.id()).append('\n');
                        text.append("event: ").append(entry.topic()).append('\n');
                        text.append("data: ").append(entry.data()).append("\n\n");
                        sent = entry.id();
                    }
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                }
                if (heartbeatDue) {
                    heartbeatDue = false;
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            } catch (IOException | IllegalStateException e) {
                LOG.debug("Event stream closed: {}", e.toString());
                close();
            } finally {
                scheduled.set(false);
            }
            if (!closed.get() && ring.lastId() > sent) {
                signal(); // an event came in after the last read of the ring
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                streams.remove(this);
                try {
                    context.complete();
                } catch (IllegalStateException e) {
                    // already completed by the container (timeout, error, client gone)
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            closed.set(true);
            streams.remove(this);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}
