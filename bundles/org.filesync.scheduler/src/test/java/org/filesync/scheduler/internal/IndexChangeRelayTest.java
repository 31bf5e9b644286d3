package org.filesync.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.filesync.index.IndexChange;
import org.filesync.index.IndexListener;
import org.junit.jupiter.api.Test;

class IndexChangeRelayTest {

    private static IndexChange change(long last) {
        return new IndexChange(Path.of("/a"), last - 1, last);
    }

    @Test
    void noticesReachTheConnectedListenerOnlyWhileItIsConnected() {
        IndexChangeRelay relay = new IndexChangeRelay();
        List<Long> seen = new ArrayList<>();
        IndexListener scheduler = change -> seen.add(change.last());

        relay.indexChanged(change(1));
        relay.connect(scheduler);
        relay.indexChanged(change(2));
        relay.disconnect(scheduler);
        relay.indexChanged(change(3));

        assertEquals(List.of(2L), seen);
    }

    @Test
    void disconnectingAListenerThatIsNotConnectedKeepsTheOneThatIs() {
        IndexChangeRelay relay = new IndexChangeRelay();
        List<Long> seen = new ArrayList<>();
        IndexListener current = change -> seen.add(change.last());
        relay.connect(current);

        relay.disconnect(change -> {});
        relay.indexChanged(change(5));

        assertEquals(List.of(5L), seen);
    }
}
