package org.filesync.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The operator page at {@code /filesync/}: a fixed set of files from the bundle ({@code web/}),
 * plain HTML, CSS and JavaScript that use the API alone, nothing from elsewhere (the Content
 * Security Policy allows this origin only).
 */
@Component(name = "org.filesync.http.page", service = Servlet.class)
@HttpWhiteboardContextSelect(FileSyncHttpContext.SELECT)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardServletName("filesync-page")
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private record File(String type, byte[] content) {}

    private final transient Map<String, File> files;

    @Activate
    public PageServlet() {
        files = Map.of(
                "/", load("index.html", "text/html;charset=utf-8"),
                "/index.html", load("index.html", "text/html;charset=utf-8"),
                "/app.js", load("app.js", "text/javascript;charset=utf-8"),
                "/app.css", load("app.css", "text/css;charset=utf-8"),
                "/favicon.svg", load("favicon.svg", "image/svg+xml"));
    }

    private static File load(String name, String type) {
        try (InputStream in = PageServlet.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the bundle");
            }
            return new File(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        if (!AccessPolicy.reads(request.getMethod())) {
            Json.methodNotAllowed(response, request.getMethod(), "GET");
            return;
        }
        File file = files.get(path);
        if (file == null) {
            Json.error(response, HttpServletResponse.SC_NOT_FOUND, "No such resource: " + request.getRequestURI());
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(file.type());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setContentLength(file.content().length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(file.content());
        }
    }
}
