package dev.mapiagent.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.collector.error.CollectorException;
import dev.mapiagent.collector.error.ConflictException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {

    @Test
    void everyKindOfCollectorExceptionHasAnHttpStatus() {
        Class<?>[] kinds = CollectorException.class.getPermittedSubclasses();
        assertTrue(kinds.length > 0);
        for (Class<?> kind : kinds) {
            assertTrue(ErrorHandling.STATUS.containsKey(kind), kind.getName() + " has no HTTP status");
        }
        assertEquals(kinds.length, ErrorHandling.STATUS.size(), Arrays.toString(kinds));
    }

    @Test
    void aConflictIs409() {
        assertEquals(409, ErrorHandling.status(new ConflictException("user exists", null)));
    }
}
