package dev.braid.testbed.bench.paper;

/** Runs one {@link PaperCase}: in virtual time or in real time through the real data path. */
interface PaperEngine {
    Measurement run(PaperCase c) throws Exception;

    /** "virtual time" / "real time", for the report. */
    String describe();

    /** Expected wall seconds of a run, for the progress bar's ETA (0 = unknown, fast). */
    double expectedWallSeconds(PaperCase c);
}
