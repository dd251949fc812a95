package dev.braid.multilink.protocol;

/** How flows get their {@link FlowClass} (config text: {@code auto}, {@code rules-only}, {@code off}). */
public enum ClassifyMode {
    /** Config rules first, then DSCP marks and the small-and-slow UDP heuristic. */
    AUTO,
    /** Config rules only; a flow no rule matches is bulk. */
    RULES_ONLY,
    /** Every flow is bulk. */
    OFF
}
