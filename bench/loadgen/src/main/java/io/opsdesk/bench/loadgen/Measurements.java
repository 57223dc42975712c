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
      out.printf("| %s | %s | %s | %s | %s | %s | %s |%n", figure, row.unit, format(opsdesk), format(bare), ratio,
          rounds(row.values.get(Side.OPSDESK)), rounds(row.values.get(Side.BARE)));
    });
  }

  private static String rounds(List<Double> values) {
    return values.stream().map(Measurements::format).collect(Collectors.joining(" / "));
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 || value == Math.rint(value) ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
