package dev.cloudops.platform.jobs;

/** What a running job tells about itself: its phase, how much there is, each item's outcome, its summary. */
public interface JobContext {

    long id();

    /** What the job is doing now ({@code reading}, {@code applying} …). */
    void phase(String phase);

    /** How many items the job expects to handle. */
    void total(long total);

    /** Records one handled item; a {@code failure} counts towards a partially failed job. */
    void item(String subject, String outcome, String detail, boolean failure);

    /** Counts items handled without a report line each. */
    void advance(long items);

    /** The feature's summary of the run, written as JSON when the job finishes. */
    void result(Object summary);

    /** True when an item failed. */
    boolean anyFailed();
}
