package dev.braid.testbed.bench.paper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one sum of link rates and what their runs measured.
 *
 * @param sumMbit  the sum (figs. 4-8 scale with it; fig. 9 has its own rates)
 * @param figures  the reproduced figures
 * @param measured per run
 */
record PaperResults(long sumMbit, List<PaperFigure> figures, Map<PaperCase, Measurement> measured) {
    PaperResults {
        figures = List.copyOf(figures);
        measured = new LinkedHashMap<>(measured);
    }

    Measurement of(PaperFigure.Row row) {
        return measured.get(row.run());
    }
}
