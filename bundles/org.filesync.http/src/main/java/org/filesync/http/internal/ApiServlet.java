package org.filesync.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitNotFoundException;
import org.filesync.api.ConflictChoice;
import org.filesync.api.ConflictResolution;
import org.filesync.api.FileSyncException;
import org.filesync.api.FileSyncService;
import org.filesync.api.InvalidOptionException;
import org.filesync.api.InvalidRequestException;
import org.filesync.api.SyncHandle;
import org.filesync.api.SyncPlan;
import org.filesync.index.FileIndex;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /filesync/api/}: each request is checked (path, method, query
 * parameters, body) and handed to {@link FileSyncService} (or, for locations, {@link FileIndex});
 * the answer is its result as JSON ({@link JsonViews}) or {@code {"error": message}} with the
 * status of {@link ErrorStatus}. Authentication and roles are the context's ({@link
 * FileSyncHttpContext}).
 */
@Component(name = "org.filesync.http.api", service = Servlet.class)
@HttpWhiteboardContextSelect(FileSyncHttpContext.SELECT)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletName("filesync-api")
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private static final int MAX_PAGE = 500;
    private static final int DEFAULT_PAGE = 50;

    private final transient FileSyncService service;
    private final transient FileIndex index;

    @Activate
    public ApiServlet(@Reference FileSyncService service, @Reference FileIndex index) {
        this.service = service;
        this.index = index;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
        try {
            route(method, segments(request.getPathInfo()), request, response);
        } catch (MethodNotAllowed e) {
            Json.methodNotAllowed(response, method, e.allow);
        } catch (NotFound e) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        } catch (UnsupportedMediaType e) {
            Json.error(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        } catch (FileSyncException e) {
            Json.error(response, ErrorStatus.of(e), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", method, request.getRequestURI(), e);
            Json.error(
                    response,
                    HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "Internal error (" + e.getClass().getSimpleName() + "): see the Karaf log");
        }
    }

    private void route(String method, List<String> path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (path.size() == 1 && path.get(0).equals("conduits")) {
            switch (allow(method, "GET, POST")) {
                case "GET" -> {
                    query(request, Set.of());
                    Json.write(response, 200, JsonViews.conduits(service.listConduits()));
                }
                default -> {
                    query(request, Set.of());
                    Conduit created = service.createConduit(ConduitRequests.create(body(request)));
                    response.setHeader("Location", request.getRequestURI() + "/" + created.id());
                    Json.write(response, HttpServletResponse.SC_CREATED, JsonViews.conduit(created));
                }
            }
        } else if (path.size() >= 2 && path.get(0).equals("conduits")) {
            long id = Conduit.parseId(path.get(1));
            if (path.size() == 2) {
                conduit(method, id, request, response);
            } else if (path.size() == 3) {
                switch (path.get(2)) {
                    case "sync" -> sync(allow(method, "POST"), id, request, response);
                    case "status" -> status(allow(method, "GET"), id, request, response);
                    case "generations" -> generations(allow(method, "GET"), id, request, response);
                    case "conflicts" -> conflicts(allow(method, "GET, POST"), id, request, response);
                    default -> throw new NotFound(request);
                }
            } else {
                throw new NotFound(request);
            }
        } else if (path.size() == 1 && path.get(0).equals("locations")) {
            allow(method, "GET");
            query(request, Set.of());
            Json.write(response, 200, JsonViews.locations(index.locations()));
        } else if (path.size() == 1 && path.get(0).equals("status")) {
            allow(method, "GET");
            query(request, Set.of());
            Json.write(response, 200, JsonViews.progresses(service.activeRuns()));
        } else {
            throw new NotFound(request);
        }
    }

    private void conduit(String method, long id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        query(request, Set.of());
        switch (allow(method, "GET, PUT, DELETE")) {
            case "GET" -> Json.write(response, 200, JsonViews.conduit(find(id)));
            case "PUT" -> {
                ObjectNode body = body(request);
                Conduit updated = service.updateConduit(id, ConduitRequests.update(body, find(id).options()));
                Json.write(response, 200, JsonViews.conduit(updated));
            }
            default -> {
                service.deleteConduit(id);
                Json.write(response, 200, message("Conduit " + id + " deleted (files untouched)"));
            }
        }
    }

    private void sync(String method, long id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        QueryParameters query = query(request, Set.of("dryRun", "force"));
        boolean dryRun = query.flag("dryRun");
        boolean force = query.flag("force");
        if (dryRun) {
            SyncPlan plan = service.dryRun(id, force);
            ObjectNode body = Json.object();
            body.put("conduit", id);
            body.put("dryRun", true);
            body.putNull("generation"); // a dry run records none
            body.set("plan", JsonViews.plan(plan, true));
            body.put("message", "Dry run: " + plan.counts() + "; nothing changed");
            Json.write(response, 200, body);
            return;
        }
        SyncHandle handle = service.syncNow(id, force);
        ObjectNode body = Json.object();
        body.put("conduit", id);
        body.put("dryRun", false);
        body.put("generation", handle.generation());
        body.set("plan", JsonViews.plan(handle.plan(), false));
        body.put("message", "Generation " + handle.generation() + " started");
        Json.write(response, HttpServletResponse.SC_ACCEPTED, body);
    }

    private void status(String method, long id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        query(request, Set.of());
        Conduit conduit = find(id);
        Json.write(response, 200, JsonViews.status(conduit, service.activeRun(id)));
    }

    private void generations(String method, long id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        QueryParameters query = query(request, Set.of("offset", "limit"));
        int offset = query.integer("offset", 0, Integer.MAX_VALUE).orElse(0);
        int limit = query.integer("limit", 1, MAX_PAGE).orElse(DEFAULT_PAGE);
        Json.write(response, 200, JsonViews.generations(service.history(id), offset, limit));
    }

    private void conflicts(String method, long id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (method.equals("GET")) {
            boolean all = query(request, Set.of("all")).flag("all");
            Json.write(response, 200, JsonViews.conflicts(all ? service.conflictHistory(id) : service.conflicts(id)));
            return;
        }
        query(request, Set.of());
        ObjectNode body = body(request);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("path") && !name.equals("use")) {
                throw new InvalidRequestException("Unknown field '" + name + "': a resolution takes path and use");
            }
        }
        String path = text(body, "path");
        String use = text(body, "use");
        if (path == null || path.isEmpty()) {
            throw new InvalidRequestException("A conflict path is required: see GET conduits/" + id + "/conflicts");
        }
        if (use == null) {
            throw new InvalidOptionException("use", "Choose the side to keep with use: source, target or both");
        }
        ConflictChoice choice = ConflictChoice.parse(use.trim());
        ConflictResolution resolution = service.resolveConflictAndReport(id, path, choice);
        ObjectNode answer = Json.object();
        answer.set("conflict", JsonViews.conflict(resolution.conflict()));
        answer.put("message", resolution.message());
        Json.write(response, 200, answer);
    }

    private Conduit find(long id) {
        return service.getConduit(id).orElseThrow(() -> new ConduitNotFoundException(id));
    }

    private static QueryParameters query(HttpServletRequest request, Set<String> allowed) {
        return QueryParameters.of(request, allowed);
    }

    private static ObjectNode body(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/json")) {
            throw new UnsupportedMediaType();
        }
        return Json.parseObject(request.getInputStream());
    }

    private static String text(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("Invalid " + name + " " + value + ": expected a string");
        }
        return value.textValue();
    }

    private static ObjectNode message(String text) {
        return Json.object().put("message", text);
    }

    /** The method, if it is one of {@code allowed} (comma-separated). */
    private static String allow(String method, String allowed) {
        for (String candidate : allowed.split(",\\s*")) {
            if (candidate.equals(method)) {
                return method;
            }
        }
        throw new MethodNotAllowed(allowed);
    }

    /** The path below {@code /api/}, split at each slash; a trailing slash is ignored. */
    static List<String> segments(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return List.of();
        }
        String path = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return List.of(path.split("/", -1));
    }

    private static final class MethodNotAllowed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String allow;

        MethodNotAllowed(String allow) {
            super(null, null, false, false);
            this.allow = allow;
        }
    }

    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(HttpServletRequest request) {
            super("No such resource: " + request.getRequestURI(), null, false, false);
        }
    }

    private static final class UnsupportedMediaType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedMediaType() {
            super("Expected a JSON body: send it with Content-Type: application/json", null, false, false);
        }
    }
}
