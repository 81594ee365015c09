package dev.mapiagent.collector.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mapiagent.collector.error.BusyException;
import dev.mapiagent.collector.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final ReportBudget budget = new ReportBudget(clock, new ReportBudget.Limits(3, Duration.ofSeconds(2), 1000, 100));

    @Test
    void aBurstOfReportsIsTakenThenTheNextWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            budget.charge("pc-1", 10);
        }
        BusyException refused = assertThrows(BusyException.class, () -> budget.charge("pc-1", 10));
        assertEquals(2, refused.retryAfterSeconds());
        clock.advance(Duration.ofSeconds(2));
        assertDoesNotThrow(() -> budget.charge("pc-1", 10));
    }

    @Test
    void charactersAreBudgetedAsWellAsReports() {
        budget.charge("pc-1", 900);
        BusyException refused = assertThrows(BusyException.class, () -> budget.charge("pc-1", 300));
        assertEquals(2, refused.retryAfterSeconds(), "200 characters missing at 100 a second");
        clock.advance(Duration.ofSeconds(2));
        assertDoesNotThrow(() -> budget.charge("pc-1", 300));
    }

    @Test
    void aReportLargerThanTheWholeBurstGoesWhenTheBudgetIsFull() {
        assertDoesNotThrow(() -> budget.charge("pc-1", 5000));
        assertThrows(BusyException.class, () -> budget.charge("pc-1", 5000));
    }

    @Test
    void oneDevicesFloodLeavesAnotherDevicesBudgetAlone() {
        for (int i = 0; i < 3; i++) {
            budget.charge("pc-1", 10);
        }
        assertThrows(BusyException.class, () -> budget.charge("pc-1", 10));
        assertDoesNotThrow(() -> budget.charge("pc-2", 10));
    }
}
