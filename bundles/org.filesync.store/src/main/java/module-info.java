/** Persistence of conduits and generations. */
module org.filesync.store {
    requires transitive org.filesync.api;
    requires java.persistence;
    requires java.sql;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports org.filesync.store;

    opens org.filesync.store.internal to
            java.persistence;
}
