package io.opsdesk.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The report as CSV: a header, then one row per scope ("overall", "category=HARDWARE", "priority=URGENT",
 * "group=hardware-support"), one column per figure of {@link ServiceFigures}; an empty cell where the
 * figure is null.
 */
final class ServiceReportCsv {

  private static final CsvMapper CSV = new CsvMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {
  };

  private ServiceReportCsv() {
  }

  static String write(ServiceReport report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(row("overall", report.overall()));
    report.byCategory().forEach((key, figures) -> rows.add(row("category=" + key, figures)));
    report.byPriority().forEach((key, figures) -> rows.add(row("priority=" + key, figures)));
    report.byGroup().forEach((key, figures) -> rows.add(row("group=" + key, figures)));
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    rows.get(0).keySet().forEach(schema::addColumn);
    try {
      return CSV.writer(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Report not written as CSV", e);
    }
  }

  private static Map<String, Object> row(String scope, ServiceFigures figures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("scope", scope);
    row.putAll(JSON.convertValue(figures, ROW));
    return row;
  }
}
