package io.opsdesk.inspection.redfish;

import io.opsdesk.inspection.Severity;

/** How many days a certificate has left, graded (decision {@code certificate-expiry}). */
@FunctionalInterface
public interface CertificateGrading {

  /** {@code daysLeft} is negative once the certificate has expired. */
  Severity grade(long daysLeft);
}
