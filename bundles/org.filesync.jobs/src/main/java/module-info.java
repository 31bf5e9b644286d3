/** The shared JobManager: the job contract, status snapshots and the default thread-pool backend. */
module org.filesync.jobs {
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires java.sql;
    requires org.slf4j;
    requires static org.osgi.service.event;

    exports org.filesync.jobs;
}
