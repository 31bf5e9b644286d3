/** The bidirectional sync mode: each end compared with the baseline, conflicts settled by a strategy. */
module org.filesync.mode.bidirectional {
    requires org.filesync.resolver;
    requires org.filesync.conflict;
    requires org.filesync.index;
    requires org.slf4j;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
