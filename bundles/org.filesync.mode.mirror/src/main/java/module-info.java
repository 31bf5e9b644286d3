/** The mirror sync mode: the target becomes an exact copy of the source. */
module org.filesync.mode.mirror {
    requires org.filesync.api;
    requires org.filesync.index;
    requires org.filesync.resolver;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
