package dev.braid.testbed.demo;

/**
 * The realtime stream's part of each {@link Sample}: the ledger's interval, and from the proxy's
 * status (the sender) the link and class of the stream's flow and the copies sent of it.
 */
final class RealtimeSampler {
    private final RealtimeLedger ledger;
    private final String tuple;
    private long lastCopies;

    /** @param tuple the stream's flow as the proxy's status prints it */
    RealtimeSampler(RealtimeLedger ledger, String tuple) {
        this.ledger = ledger;
        this.tuple = tuple;
    }

    Sample.RealtimeSample take(long nowNanos, StatusText proxy) {
        RealtimeLedger.Interval interval = ledger.interval(nowNanos);
        StatusText.FlowRow flow = proxy.flow(tuple);
        long copies = flow == null ? lastCopies : flow.copies();
        Sample.RealtimeSample sample = new Sample.RealtimeSample(interval.delay(), interval.judged(), interval.lost(),
                flow == null || flow.link() == null ? "-" : flow.link(), flow == null ? "-" : flow.flowClass(),
                Math.max(0, copies - lastCopies));
        lastCopies = copies;
        return sample;
    }
}
