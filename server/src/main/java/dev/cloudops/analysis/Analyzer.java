package dev.cloudops.analysis;

import java.util.List;

/**
 * A group of checks with a name the API and the MCP tools use ({@code health}, {@code config}, {@code security},
 * {@code resources}, {@code performance}, {@code cost}). Every analyzer is a Spring bean; the engine finds them at
 * start-up. An analyzer must not fail for a kind the state does not serve: it notes it and goes on.
 */
public interface Analyzer {

    String name();

    /** One sentence for people and for MCP tool descriptions. */
    String description();

    /** Every check it may report. */
    List<CheckInfo> checks();

    /** True when its checks read specs only, so they run on manifests not applied yet too. */
    boolean readsSpecsOnly();

    void analyze(ClusterState state, Findings findings);
}
