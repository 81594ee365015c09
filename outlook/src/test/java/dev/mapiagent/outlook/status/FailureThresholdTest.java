package dev.mapiagent.outlook.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureThresholdTest {

    @Test
    void defaultIsExceededByMoreThanTenPercentOfTwentyRequests() {
        assertTrue(FailureThreshold.DEFAULT.isExceededBy(20, 3));
    }

    @Test
    void exactlyTheRatioIsNotAboveIt() {
        assertFalse(FailureThreshold.DEFAULT.isExceededBy(20, 2));
    }

    @Test
    void fewerRequestsThanTheMinimumNeverExceedIt() {
        assertFalse(FailureThreshold.DEFAULT.isExceededBy(19, 19));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, Double.NaN})
    void refusesARatioOutsideZeroToOne(double ratio) {
        assertThrows(IllegalArgumentException.class, () -> new FailureThreshold(ratio, 20));
    }

    @Test
    void refusesAMinimumOfNoRequests() {
        assertThrows(IllegalArgumentException.class, () -> new FailureThreshold(0.1, 0));
    }
}
