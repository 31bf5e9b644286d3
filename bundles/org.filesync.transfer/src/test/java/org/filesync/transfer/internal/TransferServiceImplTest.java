package org.filesync.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.filesync.transfer.CopyRequest;
import org.filesync.transfer.DeleteOptions;
import org.filesync.transfer.DeleteRequest;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.TransferException;
import org.filesync.transfer.TransferOptions;
import org.junit.jupiter.api.Test;

class TransferServiceImplTest {

    static TransferServiceImpl.Config config(String durability) {
        return new TransferServiceImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TransferServiceImpl.Config.class;
            }

            @Override
            public String durability() {
                return durability;
            }

            @Override
            public int batchFiles() {
                return 1000;
            }

            @Override
            public int batchMegabytes() {
                return 128;
            }
        };
    }

    @Test
    void strategiesAreChosenByNameThenRanking() {
        TransferServiceImpl service = new TransferServiceImpl(config("auto"));
        DeleteStrategy low = new PermanentDeleteStrategy();
        DeleteStrategy high = new PermanentDeleteStrategy();
        Map<String, Object> lowProps = Map.of(DeleteStrategy.PROPERTY, "permanent", "service.id", 1L);
        Map<String, Object> highProps =
                Map.of(DeleteStrategy.PROPERTY, "permanent", "service.ranking", 10, "service.id", 2L);
        service.addDeleteStrategy(low, lowProps);
        service.addDeleteStrategy(high, highProps);
        assertSame(high, service.strategy("permanent").orElseThrow());
        assertEquals(Set.of("permanent"), service.deleteStrategies());
        service.removeDeleteStrategy(high, highProps);
        assertSame(low, service.strategy("permanent").orElseThrow());
        assertTrue(service.strategy("trash").isEmpty());

        DeleteRequest trash = new DeleteRequest(List.of(), new DeleteOptions(Path.of("/tmp"), "trash", "1"));
        TransferException e = assertThrows(TransferException.class, () -> service.deleteJob(trash));
        assertTrue(e.getMessage().contains("'trash'"), e.getMessage());

        service.removeDeleteStrategy(low, lowProps);
        assertTrue(service.deleteStrategies().isEmpty());
    }

    @Test
    void dispatchWithoutAJobManagerIsRefusedClearly() {
        TransferServiceImpl service = new TransferServiceImpl(config("fsync"));
        CopyRequest request = new CopyRequest(List.of(), TransferOptions.of(Path.of("/tmp"), "1"));
        TransferException e = assertThrows(TransferException.class, () -> service.copy(request));
        assertTrue(e.getMessage().contains("JobManager"));
    }

    @Test
    void anUnknownDurabilityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TransferServiceImpl(config("maybe")));
    }
}
