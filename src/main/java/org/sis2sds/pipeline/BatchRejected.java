package org.sis2sds.pipeline;

/**
 * Thrown by the pipeline step that decides a batch must not go on: the validator (SDS would reject it), a hold (the
 * shrink guard, a changed file set), a destination (SDS refused it) or an intake check (a refused zip). The
 * {@code routeConfiguration} of {@code routes/outcomes.camel.yaml} handles it once for every route: the batch goes to
 * quarantine with its reports, people are told, its run ends and the metrics count it.
 *
 * <p>It is an expected outcome, not a bug, so it carries no stack trace.
 */
public final class BatchRejected extends RuntimeException {
    private final Batch.Outcome outcome;

    /**
     * @param outcome QUARANTINED (SDS would reject or did reject it), HELD (a person must release it) or FAILED
     * @param reason  one sentence for people: what happened and what to do
     */
    public BatchRejected(Batch.Outcome outcome, String reason) {
        super(reason, null, false, false);
        if (outcome != Batch.Outcome.QUARANTINED && outcome != Batch.Outcome.HELD && outcome != Batch.Outcome.FAILED) {
            throw new IllegalArgumentException("a rejection is QUARANTINED, HELD or FAILED, not " + outcome);
        }
        this.outcome = outcome;
    }

    public static BatchRejected quarantined(String reason) {
        return new BatchRejected(Batch.Outcome.QUARANTINED, reason);
    }

    public static BatchRejected held(String reason) {
        return new BatchRejected(Batch.Outcome.HELD, reason);
    }

    public static BatchRejected failed(String reason) {
        return new BatchRejected(Batch.Outcome.FAILED, reason);
    }

    public Batch.Outcome outcome() {
        return outcome;
    }

    /** Puts the outcome and the reason on the batch (the outcome handler calls it before filing the batch). */
    public void applyTo(Batch batch) {
        batch.setOutcome(outcome);
        batch.setReason(getMessage());
    }
}
