/** Copy and delete jobs on the shared JobManager, and the delete strategies. */
module org.filesync.transfer {
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires transitive org.filesync.jobs;
    requires transitive org.filesync.api;
    requires com.sun.jna;
    requires org.slf4j;

    exports org.filesync.transfer;
}
