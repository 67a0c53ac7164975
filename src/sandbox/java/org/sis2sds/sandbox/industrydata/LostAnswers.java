package org.sis2sds.sandbox.industrydata;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The lost-answer fault: the service carries a call out, then its answer never reaches the client (the HTTP layer
 * cuts the connection). Drawn at {@code drop-rate} from a seeded stream, or planned by a test for the next call of a
 * method and path token ({@code POST validate}, {@code POST start}, {@code GET getuploadsession}).
 */
public final class LostAnswers {
    private record Plan(String method, String token) {
    }

    private final double rate;
    private final Random random;
    private final List<Plan> planned = new ArrayList<>();

    LostAnswers(double rate, long seed) {
        this.rate = rate;
        this.random = new Random(seed ^ 0x10571L);
    }

    /** The next call with this method whose path holds this token (an operation or collection) loses its answer. */
    public synchronized void loseNext(String method, String token) {
        planned.add(new Plan(method, token));
    }

    /** Whether the answer to this (already carried out) call is lost. */
    synchronized boolean lose(GraphCall c) {
        for (Plan p : planned) {
            if (p.method.equals(c.method()) && c.path().tokens().contains(p.token)) {
                planned.remove(p);
                return true;
            }
        }
        return rate > 0 && random.nextDouble() < rate;
    }
}
