package dev.braid.testbed.bench.paper;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of the paper, reproduced: either grouped bars (figs. 4/5: aggregate goodput per
 * category and series) or time series (figs. 6-9: in-order goodput over time of the first row,
 * with the other rows for comparison).
 *
 * @param number     the paper's figure number
 * @param file       output base name, e.g. {@code fig4-10mbit}
 * @param title      chart title
 * @param timeSeries false = bars
 * @param paperSays  what the paper reports for it (its text; numbers where it gives them)
 * @param rows       what is plotted, in order
 */
public record PaperFigure(int number, String file, String title, boolean timeSeries, String paperSays,
                          List<Row> rows) {

    /**
     * @param category bar group (bars) or a short label (time series)
     * @param series   bar series / line name, e.g. "Single-link", "Multi-link"
     * @param run      the run whose numbers it shows
     */
    public record Row(String category, String series, PaperCase run) {}

    public PaperFigure {
        rows = List.copyOf(rows);
    }

    /** Distinct categories in order. */
    public List<String> categories() {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> {
            if (!out.contains(r.category())) {
                out.add(r.category());
            }
        });
        return out;
    }

    /** Distinct series in order. */
    public List<String> series() {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> {
            if (!out.contains(r.series())) {
                out.add(r.series());
            }
        });
        return out;
    }
}
