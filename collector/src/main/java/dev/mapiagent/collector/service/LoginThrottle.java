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
 * does). Past a number of free failures, each further attempt must wait a delay that doubles with every failure, up
 * to {@link #MAX_DELAY}; someone guessing from elsewhere delays only themselves.
 *
 * <p>No check-then-act: an attempt is admitted in one transaction holding the counters' rows, and only while the
 * failures so far plus the attempts being checked right now stay under the free ones (once throttled: one attempt at
 * a time, after its delay). Of many parallel guesses only the free ones are checked; the others wait for a slot and
 * are refused (busy) once the checked ones failed. Parallel logins with the right password wait for a slot the same
 * way and go through. Each outcome is counted under the row lock, so the start of throttling is audited exactly once.
 */
final class LoginThrottle {

    static final int FREE_PER_USER_AND_ADDRESS = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A counter untouched this long starts again from zero. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Attempts still marked as being checked this long after the last change were lost (a collector stopped). */
    static final Duration PENDING_LOST_AFTER = Duration.ofMinutes(1);
    /** How long an attempt waits for a slot before it is refused, and how often it looks. */
    static final Duration MAX_SLOT_WAIT = Duration.ofSeconds(10);
    private static final long SLOT_POLL_MILLIS = 25;
    private static final int MAX_ADDRESS_CHARS = 100;

    private final Jdbi jdbi;
    private final Clock clock;

    LoginThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One admitted attempt and the counters it is checked under. */
    record Attempt(String username, String address, List<Key> keys) {
    }

    /** A counter: its row key, its free failures, and whether a success clears its failures (the user's) or not. */
    record Key(String key, int free, boolean clearedBySuccess) {
    }

    /** Admits an attempt to have its password checked; busy (with the seconds to wait) while a delay runs. */
    Attempt claim(String username, String clientAddress) {
        String address = clip(clientAddress == null ? "?" : clientAddress, MAX_ADDRESS_CHARS);
        // always in this order, so two transactions never wait for each other's rows
        List<Key> keys = List.of(new Key("a:" + address, FREE_PER_ADDRESS, false),
                new Key("u:" + Tokens.hash(username) + "@" + address, FREE_PER_USER_AND_ADDRESS, true));
        long deadline = System.nanoTime() + MAX_SLOT_WAIT.toNanos();
        while (true) {
            long waitSeconds = jdbi.inTransaction(h -> admit(new LoginThrottleDao(h), keys));
            if (waitSeconds == 0) {
                return new Attempt(username, address, keys);
            }
            if (waitSeconds > 0 || System.nanoTime() > deadline) {
                throw BusyException.tryAgainIn("too many failed logins", (int) Math.max(1, waitSeconds));
            }
            try {
                Thread.sleep(SLOT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BusyException.tryAgainIn("too many failed logins", 1);
            }
        }
    }

    /** 0 when admitted (counted as being checked), the seconds to wait while a delay runs, or -1 when no slot is free. */
    private long admit(LoginThrottleDao dao, List<Key> keys) {
        Instant now = clock.instant();
        List<Counter> counters = new ArrayList<>();
        long waitSeconds = 0;
        boolean slots = true;
        for (Key key : keys) {
            Counter counter = current(dao.lock(key.key(), now), now);
            counters.add(counter);
            if (counter.blockedUntil() != null && counter.blockedUntil().isAfter(now)) {
                waitSeconds = Math.max(waitSeconds, (Duration.between(now, counter.blockedUntil()).toMillis() + 999) / 1000);
            }
            slots &= counter.failures() < key.free() ? counter.failures() + counter.pending() < key.free()
                    : counter.pending() == 0;
        }
        if (waitSeconds > 0) {
            return waitSeconds;
        }
        if (!slots) {
            return -1;
        }
        for (int i = 0; i < keys.size(); i++) {
            Counter c = counters.get(i);
            dao.set(keys.get(i).key(), new Counter(c.failures(), c.pending() + 1, c.blockedUntil(), now));
        }
        return 0;
    }

    /** The password was right: the user's failures from that address are cleared. */
    void succeeded(Attempt attempt) {
        jdbi.useTransaction(h -> {
            LoginThrottleDao dao = new LoginThrottleDao(h);
            Instant now = clock.instant();
            for (Key key : attempt.keys()) {
                Counter c = dao.lock(key.key(), now);
                int failures = key.clearedBySuccess() ? 0 : c.failures();
                int pending = Math.max(0, c.pending() - 1);
                if (failures == 0 && pending == 0) {
                    dao.delete(key.key());
                } else {
                    dao.set(key.key(), new Counter(failures, pending, failures == 0 ? null : c.blockedUntil(), now));
                }
            }
        });
    }

    /**
     * The password was wrong (or the user unknown): counted, with the delay it earns once past the free failures; the
     * failure that uses the last free one audits the throttling, once.
     */
    void failed(Attempt attempt) {
        jdbi.useTransaction(h -> {
            LoginThrottleDao dao = new LoginThrottleDao(h);
            Instant now = clock.instant();
            for (Key key : attempt.keys()) {
                Counter c = dao.lock(key.key(), now);
                int failures = c.failures() + 1;
                Instant blocked = failures >= key.free() ? now.plus(delay(failures - key.free() + 1)) : null;
                dao.set(key.key(), new Counter(failures, Math.max(0, c.pending() - 1), blocked, now));
                if (failures == key.free()) {
                    String who = key.clearedBySuccess() ? clip(attempt.username(), 128) + " from " + attempt.address()
                            : "any user from " + attempt.address();
                    new AuditDao(h).append(now, "collector", "login-throttled", null, who + " after " + key.free()
                            + " failed logins; further attempts wait " + FIRST_DELAY.toSeconds() + " s, doubling up to "
                            + MAX_DELAY.toMinutes() + " min");
                }
            }
        });
    }

    private static Counter current(Counter counter, Instant now) {
        if (counter.updatedAt().isBefore(now.minus(FORGET_AFTER))) {
            return new Counter(0, 0, null, now);
        }
        if (counter.pending() > 0 && counter.updatedAt().isBefore(now.minus(PENDING_LOST_AFTER))) {
            return new Counter(counter.failures(), 0, counter.blockedUntil(), counter.updatedAt());
        }
        return counter;
    }

    /** The delay after the n-th failure past the free ones (n from 1): {@link #FIRST_DELAY} doubling, at most {@link #MAX_DELAY}. */
    static Duration delay(int n) {
        Duration d = FIRST_DELAY.multipliedBy(1L << Math.min(n - 1, 30));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
