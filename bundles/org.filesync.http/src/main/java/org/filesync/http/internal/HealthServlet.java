package org.filesync.http.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.filesync.api.FileSyncService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /filesync/api/health}, the one path open without login: 200 {@code {"status":"up"}}
 * while the filesync service is there, 503 {@code {"status":"down"}} otherwise. It says nothing
 * about conduits.
 */
@Component(name = "org.filesync.http.health", service = Servlet.class)
@HttpWhiteboardContextSelect(FileSyncHttpContext.SELECT)
@HttpWhiteboardServletPattern(FileSyncHttpContext.HEALTH)
@HttpWhiteboardServletName("filesync-health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FileSyncService service;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AccessPolicy.reads(request.getMethod())) {
            Json.methodNotAllowed(response, request.getMethod(), "GET");
            return;
        }
        try {
            QueryParameters.of(request, java.util.Set.of());
        } catch (org.filesync.api.InvalidRequestException e) {
            Json.error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        boolean up = service != null;
        Json.write(
                response,
                up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                Json.object().put("status", up ? "up" : "down"));
    }
}
