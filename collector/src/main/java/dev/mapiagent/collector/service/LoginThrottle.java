package dev.mapiagent.collector.service;

import dev.mapiagent.collector.auth.Tokens;
import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.LoginThrottleDao;
import dev.mapiagent.collector.db.LoginThrottleDao.Counter;
import dev.mapiagent.collector.error.BusyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows password guessing down without letting anyone lock an account. Failures are counted per (user name, client
 * address) and per client address, whatever the user name (so a name that does not exist is treated like one that
 * does). Past a number of free attempts, each further attempt must wait a delay that doubles with every failure, up
 * to {@link #MAX_DELAY}; someone guessing from elsewhere delays only themselves.
 *
 * <p>An attempt is counted before its password is checked, in one transaction holding the counters' rows, and its
 * delay is set then too: of many parallel guesses only the free ones are checked, the rest are refused (busy)
 * without a check. A success takes its count back. The start of throttling is audited once, by the attempt that
 * counted as the last free one.
 */
final class LoginThrottle {

    static final int FREE_PER_USER_AND_ADDRESS = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A counter untouched this long starts again from zero. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_ADDRESS_CHARS = 100;

    private final Jdbi jdbi;
    private final Clock clock;

    LoginThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One counted attempt: per key, its number in the current series. */
    record Attempt(String username, String address, List<Counted> counted) {
    }

    record Counted(String key, int free, int number) {
    }

    /** What the counting transaction decided: the counted attempt, or the seconds to wait first. */
    private record Claim(List<Counted> counted, long waitSeconds) {
    }

    /** Counts an attempt before the password is checked; busy (with the seconds to wait) while a delay runs. */
    Attempt claim(String username, String clientAddress) {
        String address = clip(clientAddress == null ? "?" : clientAddress, MAX_ADDRESS_CHARS);
        // sorted: "a:" before "u:", the same order everywhere, so two transactions never wait for each other's rows
        List<Counted> keys = List.of(new Counted("a:" + address, FREE_PER_ADDRESS, 0),
                new Counted("u:" + Tokens.hash(username) + "@" + address, FREE_PER_USER_AND_ADDRESS, 0));
        Instant now = clock.instant();
        Claim claim = jdbi.inTransaction(h -> {
            LoginThrottleDao dao = new LoginThrottleDao(h);
            List<Counter> counters = new ArrayList<>();
            long waitSeconds = 0;
            for (Counted key : keys) {
                Counter counter = current(dao.lock(key.key(), now), now);
                counters.add(counter);
                if (counter.blockedUntil() != null && counter.blockedUntil().isAfter(now)) {
                    waitSeconds = Math.max(waitSeconds, secondsUntil(counter.blockedUntil(), now));
                }
            }
            if (waitSeconds > 0) {
                return new Claim(null, waitSeconds);
            }
            List<Counted> numbers = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Counted key = keys.get(i);
                int number = counters.get(i).failures() + 1;
                Instant blocked = number >= key.free() ? now.plus(delay(number - key.free() + 1)) : null;
                dao.set(key.key(), new Counter(number, blocked, now));
                numbers.add(new Counted(key.key(), key.free(), number));
            }
            return new Claim(numbers, 0);
        });
        if (claim.counted() == null) {
            throw BusyException.tryAgainIn("too many failed logins", (int) claim.waitSeconds());
        }
        return new Attempt(username, address, claim.counted());
    }

    /** The password was right: the attempt no longer counts, and the delay it set is lifted. */
    void succeeded(Attempt attempt) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            LoginThrottleDao dao = new LoginThrottleDao(h);
            for (Counted key : attempt.counted()) {
                Counter counter = dao.lock(key.key(), now);
                int failures = key.key().startsWith("u:") ? 0 : Math.max(0, counter.failures() - 1);
                if (failures == 0) {
                    dao.delete(key.key());
                } else {
                    dao.set(key.key(), new Counter(failures, failures >= key.free() ? counter.blockedUntil() : null, now));
                }
            }
        });
    }

    /** The password was wrong (or the user unknown): it stays counted; the last free attempt audits the throttling. */
    void failed(Attempt attempt) {
        List<Counted> starting = attempt.counted().stream().filter(c -> c.number() == c.free()).toList();
        if (starting.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            AuditDao audit = new AuditDao(h);
            for (Counted key : starting) {
                String who = key.key().startsWith("u:") ? clip(attempt.username(), 128) + " from " + attempt.address()
                        : "any user from " + attempt.address();
                audit.append(now, "collector", "login-throttled", null, who + " after " + key.free()
                        + " failed logins; further attempts wait " + FIRST_DELAY.toSeconds() + " s, doubling up to "
                        + MAX_DELAY.toMinutes() + " min");
            }
        });
    }

    private static Counter current(Counter counter, Instant now) {
        return counter.updatedAt().isBefore(now.minus(FORGET_AFTER)) ? new Counter(0, null, now) : counter;
    }

    /** The delay after the n-th throttled attempt (n from 1): {@link #FIRST_DELAY} doubling, at most {@link #MAX_DELAY}. */
    static Duration delay(int n) {
        int doublings = Math.min(n - 1, 30);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static long secondsUntil(Instant until, Instant now) {
        return (Duration.between(now, until).toMillis() + 999) / 1000;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
