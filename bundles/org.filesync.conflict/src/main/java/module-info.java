/** Conflict strategies: how a bidirectional sync settles a path both ends changed. */
module org.filesync.conflict {
    requires transitive org.filesync.resolver;
    requires org.filesync.api;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports org.filesync.conflict;
}
