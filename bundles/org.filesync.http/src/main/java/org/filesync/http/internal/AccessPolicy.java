package org.filesync.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what over HTTP: reading ({@code GET}, {@code HEAD}) needs the viewer or the admin role,
 * anything else the admin role (the same split as the command ACL of the {@code filesync} feature),
 * and a change must not come from another site: browsers send Basic credentials by themselves, so a
 * request whose {@code Origin} (or, without one, {@code Referer}) names another host than the one it
 * was sent to is refused.
 *
 * @param adminRole the role that may change
 * @param viewerRole the role that may read
 */
record AccessPolicy(String adminRole, String viewerRole) {

    /** Why a request is refused: the HTTP status and the one-line message. */
    record Denial(int status, String message) {}

    /** Whether the method only reads. */
    static boolean reads(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** Whether a user with these roles may send this request, and if not, why. */
    Optional<Denial> check(String method, String user, Set<String> roles) {
        if (reads(method)) {
            if (roles.contains(viewerRole) || roles.contains(adminRole)) {
                return Optional.empty();
            }
            return Optional.of(new Denial(
                    403,
                    "User " + user + " may not read filesync: the " + viewerRole + " or " + adminRole
                            + " role is needed"));
        }
        if (roles.contains(adminRole)) {
            return Optional.empty();
        }
        return Optional.of(
                new Denial(403, "User " + user + " may not change filesync: the " + adminRole + " role is needed"));
    }

    /**
     * Refuses a change sent from a page of another site.
     *
     * @param origin the {@code Origin} header, or null
     * @param referer the {@code Referer} header, or null
     * @param host the {@code Host} header the request was sent with
     */
    static Optional<Denial> crossSite(String method, String origin, String referer, String host) {
        if (reads(method)) {
            return Optional.empty();
        }
        String source = origin != null ? origin : referer;
        if (source == null) {
            return Optional.empty(); // not a browser (curl, scripts): nothing was sent on the user's behalf
        }
        String header = origin != null ? "Origin" : "Referer";
        if (host == null || !sameAuthority(source, host)) {
            return Optional.of(new Denial(
                    403, "Cross-site request refused: " + header + " " + source + " does not match the host " + host));
        }
        return Optional.empty();
    }

    private static boolean sameAuthority(String url, String host) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return false; // also "null", the origin of sandboxed and file pages
        }
        int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String hostName = host.trim().toLowerCase(Locale.ROOT);
        int hostPort = defaultPort;
        int colon = hostName.lastIndexOf(':');
        if (colon > hostName.lastIndexOf(']')) {
            try {
                hostPort = Integer.parseInt(hostName.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            hostName = hostName.substring(0, colon);
        }
        return uri.getHost().toLowerCase(Locale.ROOT).equals(hostName) && port == hostPort;
    }
}
