package io.opsdesk.bench.loadgen;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every figure of the run, per row and application, one value per round; printed as medians over the
 * rounds with OpsDesk's figure, the baseline's and their ratio.
 */
final class Measurements {

  /** Which application a figure belongs to. */
  enum Side { OPSDESK, BARE }

  private static final class Row {
    final String unit;
    final Map<Side, List<Double>> values = Map.of(Side.OPSDESK, new ArrayList<>(), Side.BARE, new ArrayList<>());

    Row(String unit) {
      this.unit = unit;
    }

    /** Counts (jobs, mails) as whole numbers, other figures to three significant digits or so. */
    String format(double value) {
      boolean count = unit.equals("jobs") || unit.equals("mails") || unit.equals("calls");
      return count && !Double.isNaN(value) ? String.format(Locale.ROOT, "%.0f", value) : Measurements.format(value);
    }

    String rounds(Side side) {
      return values.get(side).stream().map(this::format).collect(Collectors.joining(" / "));
    }
  }

  private final Map<String, Row> rows = new LinkedHashMap<>();

  synchronized void record(String figure, String unit, Side side, double value) {
    rows.computeIfAbsent(figure, f -> new Row(unit)).values.get(side).add(value);
  }

  /** The table (Markdown): medians, ratio = OpsDesk ÷ bare, and each round's values. */
  synchronized void print(PrintStream out) {
    out.println("| figure | unit | OpsDesk | bare | ratio | OpsDesk by round | bare by round |");
    out.println("|---|---|---:|---:|---:|---|---|");
    rows.forEach((figure, row) -> {
      double opsdesk = Stats.median(row.values.get(Side.OPSDESK));
      double bare = Stats.median(row.values.get(Side.BARE));
      String ratio = bare > 0 && !Double.isNaN(opsdesk) ? format(opsdesk / bare) + "×" : "–";
      out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", figure, row.unit, row.format(opsdesk), row.format(bare), ratio,
          row.rounds(Side.OPSDESK), row.rounds(Side.BARE));
    });
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    double magnitude = Math.abs(value);
    return String.format(Locale.ROOT, magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
  }
}
