/** Trust Watcher verification: after a generation, a fresh index must show nothing left to do. */
module org.filesync.verification {
    requires org.filesync.api;
    requires transitive org.filesync.resolver;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports org.filesync.verification;
}
