/** The resolver: a conduit's plan computed from the file index, the sync mode SPI and the conflict vocabulary. */
module org.filesync.resolver {
    requires transitive org.filesync.index;
    requires transitive org.filesync.api;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports org.filesync.resolver;
    exports org.filesync.resolver.conflict;
    exports org.filesync.resolver.moves;
}
