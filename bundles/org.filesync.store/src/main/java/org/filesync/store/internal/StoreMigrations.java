package org.filesync.store.internal;

import java.util.List;

/**
 * The store's migrations in order. A change of the schema is a new migration at the end of this
 * list (and the entity fields it adds); a migration once released is never changed.
 */
final class StoreMigrations {

    static final List<Migration> ALL = List.of(
            new Migration(1, "the tables of store 3.1, as EclipseLink created them", InitialSchema::apply),
            new Migration(2, "the moves a generation made", MovedFilesColumn::apply));

    private StoreMigrations() {}
}
