/** The file index and its watcher: an exported API and a private DS implementation. */
module org.filesync.index {
    requires transitive org.filesync.api;
    requires java.sql;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.apache.karaf.shell.core;

    exports org.filesync.index;
}
