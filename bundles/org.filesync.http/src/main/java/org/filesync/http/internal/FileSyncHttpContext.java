package org.filesync.http.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The servlet context {@code /filesync} that the API, the event stream and the page share. It lets
 * a request through only with HTTP Basic credentials the JAAS realm accepts and the role the method
 * needs ({@link AccessPolicy}); {@code /api/health} alone is open.
 */
@Component(
        name = "org.filesync.http.context",
        configurationPid = HttpConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = ServletContextHelper.class,
        scope = ServiceScope.BUNDLE)
@HttpWhiteboardContext(name = FileSyncHttpContext.NAME, path = "/filesync")
@Designate(ocd = HttpConfig.class)
public class FileSyncHttpContext extends ServletContextHelper {

    /** The context name the servlets of this bundle select. */
    static final String NAME = "filesync";

    /** Selects this context, for the servlets' {@code osgi.http.whiteboard.context.select}. */
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    /** The request attribute holding whether the user has the admin role (a {@code Boolean}). */
    static final String ADMIN_ATTRIBUTE = "org.filesync.http.admin";

    static final String HEALTH = "/api/health";

    private volatile KarafRealm realm;
    private volatile AccessPolicy policy;
    private volatile String realmName;

    @Activate
    @Modified
    void configure(HttpConfig config) {
        realmName = config.realm();
        realm = new KarafRealm(config.realm());
        policy = new AccessPolicy(config.admin_role(), config.viewer_role());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (path.equals(HEALTH) && AccessPolicy.reads(method)) {
            return true;
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return unauthorized(response, "Authentication required: log in with a user of the " + realmName + " realm");
        }
        Optional<Set<String>> roles = realm.login(credentials.get());
        if (roles.isEmpty()) {
            return unauthorized(response, "Invalid user name or password");
        }
        String user = credentials.get().user();
        Optional<AccessPolicy.Denial> denial = policy.check(method, user, roles.get())
                .or(() -> AccessPolicy.crossSite(
                        method, request.getHeader("Origin"), request.getHeader("Referer"), request.getHeader("Host")));
        if (denial.isPresent()) {
            Json.error(response, denial.get().status(), denial.get().message());
            return false;
        }
        request.setAttribute(REMOTE_USER, user);
        request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
        request.setAttribute(ADMIN_ATTRIBUTE, roles.get().contains(policy.adminRole()));
        return true;
    }

    private boolean unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + realmName + "\"");
        Json.error(response, HttpServletResponse.SC_UNAUTHORIZED, message);
        return false;
    }
}
