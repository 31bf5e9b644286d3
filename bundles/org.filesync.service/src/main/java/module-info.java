/** The FileSyncService implementation: conduit lifecycle and the orchestration of sync runs. */
module org.filesync.service {
    requires org.filesync.api;
    requires org.filesync.index;
    requires org.filesync.store;
    requires org.filesync.jobs;
    requires org.filesync.transfer;
    requires org.filesync.resolver;
    requires org.filesync.verification;
    requires org.filesync.conflict;
    requires org.slf4j;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.osgi.service.event;
}
