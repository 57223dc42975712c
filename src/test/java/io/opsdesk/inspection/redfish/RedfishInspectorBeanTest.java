package io.opsdesk.inspection.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.opsdesk.inspection.AssetInspector;
import io.opsdesk.inspection.AssetType;
import io.opsdesk.inspection.Severity;
import io.opsdesk.testsupport.OpsDeskTest;

/** In the application: the SERVER inspector is a bean, and the deployed certificate-expiry decision grades. */
class RedfishInspectorBeanTest extends OpsDeskTest {

  @Autowired
  List<AssetInspector> inspectors;

  @Autowired
  CertificateExpiryDecision certificateExpiry;

  @Test
  void serverInspectorIsTheRedfishOne() {
    assertThat(inspectors).filteredOn(i -> i.type() == AssetType.SERVER).singleElement()
        .isInstanceOf(RedfishInspector.class);
  }

  @Test
  void deployedDecisionGradesCertificates() {
    assertThat(certificateExpiry.grade(-1)).isEqualTo(Severity.CRITICAL);
    assertThat(certificateExpiry.grade(30)).isEqualTo(Severity.WARNING);
    assertThat(certificateExpiry.grade(31)).isEqualTo(Severity.OK);
  }
}
