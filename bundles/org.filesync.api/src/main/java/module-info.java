/** The filesync API: service contracts, immutable value types and errors. */
module org.filesync.api {
    requires static osgi.annotation;

    exports org.filesync.api;
    exports org.filesync.api.path;
    exports org.filesync.api.plugin;
}
