/** Starts the runs of instant and interval conduits: quiet periods, backoff, holds, catch-up after a restart. */
module org.filesync.scheduler {
    requires org.filesync.api;
    requires org.filesync.index;
    requires org.filesync.store;
    requires org.slf4j;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.osgi.service.event;
}
