/** The filesync:* Karaf shell commands. */
module org.filesync.shell {
    requires org.filesync.api;
    requires static org.apache.karaf.shell.core;
}
