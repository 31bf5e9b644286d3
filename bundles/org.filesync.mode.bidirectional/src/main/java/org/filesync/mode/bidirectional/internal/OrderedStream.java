package org.filesync.mode.bidirectional.internal;

import java.util.Iterator;
import java.util.function.Function;
import org.filesync.resolver.ResolverException;

/** A stream in strictly ascending path order, read one path at a time (the full merge relies on it). */
final class OrderedStream<T> {
    private final String name;
    private final Iterator<T> it;
    private final Function<T, String> path;
    private T current;

    OrderedStream(String name, Iterator<T> it, Function<T, String> path) {
        this.name = name;
        this.it = it;
        this.path = path;
        advance();
    }

    /** Whether the stream has ended. */
    boolean ended() {
        return current == null;
    }

    /** The path of the current element, or null at the end. */
    String path() {
        return current == null ? null : path.apply(current);
    }

    /** The current element if it is at {@code at} (and moves on), else null. */
    T take(String at) {
        if (current == null || !path.apply(current).equals(at)) {
            return null;
        }
        T taken = current;
        advance();
        return taken;
    }

    private void advance() {
        String last = current == null ? null : path.apply(current);
        current = it.hasNext() ? it.next() : null;
        if (current != null && last != null && path.apply(current).compareTo(last) <= 0) {
            throw new ResolverException(
                    "The " + name + " streamed out of path order: '" + path.apply(current) + "' after '" + last + "'");
        }
    }
}
