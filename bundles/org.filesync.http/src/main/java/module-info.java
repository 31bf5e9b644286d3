/**
 * The HTTP face of filesync: the REST API under {@code /filesync/api/}, its event stream and the
 * operator page under {@code /filesync/}, all behind Karaf's JAAS realm. Exports nothing.
 */
module org.filesync.http {
    requires org.filesync.api;
    requires org.filesync.index;
    requires com.fasterxml.jackson.databind;
    requires java.servlet;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.osgi.service.http.whiteboard;
    requires static org.osgi.service.event;
    requires static org.apache.karaf.jaas.boot;
}
