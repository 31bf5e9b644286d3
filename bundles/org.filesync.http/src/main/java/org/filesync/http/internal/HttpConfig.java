package org.filesync.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP API and page (PID {@code org.filesync.http}, file {@code etc/org.filesync.http.cfg}). */
@ObjectClassDefinition(name = "filesync HTTP", description = "Login, roles and the event stream of /filesync/")
@interface HttpConfig {

    /** The configuration PID every component of this bundle reads. */
    String PID = "org.filesync.http";

    @AttributeDefinition(name = "JAAS realm", description = "The realm HTTP Basic credentials are checked against")
    String realm() default "karaf";

    @AttributeDefinition(name = "Admin role", description = "The role that may change conduits, sync and resolve")
    String admin_role() default "admin";

    @AttributeDefinition(name = "Viewer role", description = "The role that may read (the admin role may too)")
    String viewer_role() default "viewer";

    @AttributeDefinition(name = "Event streams", description = "How many event streams may be open at once")
    int events_max_streams() default 16;

    @AttributeDefinition(
            name = "Event buffer",
            description = "How many recent events are kept for clients that resume with Last-Event-ID")
    int events_buffer() default 2000;

    @AttributeDefinition(
            name = "Event heartbeat (seconds)",
            description = "How often an idle event stream gets a comment line, so that proxies keep it open")
    int events_heartbeat_seconds() default 15;

    @AttributeDefinition(
            name = "Event stream lifetime (minutes)",
            description = "An event stream is closed after this long; the browser reconnects with Last-Event-ID")
    int events_stream_minutes() default 30;
}
