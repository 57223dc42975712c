package io.opsdesk.intake;

import java.time.Instant;
import java.time.ZoneId;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** Human-readable ticket ids, SR-{year}-{number}, numbered by a database sequence (unique across nodes). */
@Component
public class TicketNumbers {

  private static final String SEQUENCE = "ticket_number_seq";

  private final DataFieldMaxValueIncrementer sequence;

  public TicketNumbers(DataSource dataSource) throws MetaDataAccessException {
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
    this.sequence = product.toLowerCase().contains("postgres")
        ? new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE)
        : new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
  }

  public String next(Instant at) {
    int year = at.atZone(ZoneId.systemDefault()).getYear();
    return String.format("SR-%d-%06d", year, sequence.nextLongValue());
  }
}
