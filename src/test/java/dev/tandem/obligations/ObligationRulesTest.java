package dev.tandem.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.obligations.AgreedTerms.Agreed;
import dev.tandem.obligations.AgreedTerms.Deviation;
import dev.tandem.obligations.AgreedTerms.Statement;
import dev.tandem.obligations.CarryOver.Close;
import dev.tandem.obligations.CarryOver.Create;
import dev.tandem.obligations.CarryOver.Keep;
import dev.tandem.obligations.CarryOver.Open;
import dev.tandem.obligations.CarryOver.Recheck;
import dev.tandem.obligations.CarryOver.Step;
import dev.tandem.obligations.MaterialChanges.ControlChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Carry-over on re-acceptance and material-change classification: plain rules, no Quarkus. */
@Tag("fast")
class ObligationRulesTest {

  private static Statement st(String id, String resp, String text) {
    return new Statement(id, "Control " + id, id.substring(0, 1), true, resp, text, resp + text);
  }

  private static Statement na(String id) {
    return new Statement(id, "Control " + id, id.substring(0, 1), false, null, null, "na");
  }

  private static Map<String, Agreed> agreed(List<Deviation> deviations, Statement... statements) {
    return AgreedTerms.of(List.of(statements), deviations);
  }

  private static Map<String, Agreed> agreed(Statement... statements) {
    return agreed(List.of(), statements);
  }

  private static Map<String, Step> byControl(List<Step> steps) {
    return steps.stream().collect(Collectors.toMap(Step::controlId, s -> s));
  }

  // ------------------------------------------------------------------ agreed terms

  @Test
  void aDeviationReplacesResponsibilityAndWording() {
    Map<String, Agreed> a =
        agreed(
            List.of(
                new Deviation("5.1", "provider", null, "d1"),
                new Deviation("6.1", null, "Ours", "d2")),
            st("5.1", "shared", "Review"),
            st("6.1", "customer", "Theirs"));
    assertEquals("provider", a.get("5.1").responsibility());
    assertFalse(a.get("5.1").customerDuty());
    assertEquals("Ours", a.get("6.1").customerText());
    assertEquals("d2", a.get("6.1").deviationId());
  }

  @Test
  void aDeviationCoversOnlyAnUnchangedStatement() {
    Map<String, Statement> v1 =
        AgreedTerms.byControl(List.of(st("5.1", "shared", "A"), st("6.1", "shared", "B")));
    Map<String, Statement> v2 =
        AgreedTerms.byControl(List.of(st("5.1", "shared", "A"), st("6.1", "customer", "B")));
    List<Deviation> devs =
        List.of(
            new Deviation("5.1", "provider", null, "d1"),
            new Deviation("6.1", "provider", null, "d2"));
    assertEquals(List.of(devs.get(0)), AgreedTerms.carried(v1, v2, devs));
  }

  // ------------------------------------------------------------------ carry-over

  @Test
  void firstAcceptanceCreatesOneObligationPerCustomerOrSharedControl() {
    List<Step> steps =
        CarryOver.plan(
            Map.of(),
            List.of(),
            agreed(
                st("5.1", "provider", ""),
                st("5.2", "shared", "S"),
                st("6.1", "customer", "C"),
                na("7.1")));
    assertEquals(2, steps.size());
    assertTrue(steps.stream().allMatch(s -> s instanceof Create c && c.kind().equals("new")));
  }

  @Test
  void unchangedKeepsChangedIsFlaggedMovedToProviderClosesMovedToCustomerAndNewAreAdded() {
    Map<String, Agreed> before =
        agreed(
            st("5.1", "shared", "Keep your keys"),
            st("5.2", "shared", "Patch guests"),
            st("6.1", "customer", "Back up"),
            st("7.1", "provider", ""));
    List<Open> open =
        List.of(
            new Open("o1", "5.1", "shared", "Keep your keys"),
            new Open("o2", "5.2", "shared", "Patch guests"),
            new Open("o3", "6.1", "customer", "Back up"));
    Map<String, Agreed> after =
        agreed(
            st("5.1", "shared", "Keep your keys"), // unchanged
            st("5.2", "customer", "Patch guests weekly"), // changed
            st("6.1", "provider", ""), // moved to provider
            st("7.1", "customer", "Configure it"), // moved to customer
            st("8.1", "shared", "New duty")); // new
    Map<String, Step> s = byControl(CarryOver.plan(before, open, after));
    assertEquals("o1", assertInstanceOf(Keep.class, s.get("5.1")).obligationId());
    Recheck r = assertInstanceOf(Recheck.class, s.get("5.2"));
    assertEquals(
        List.of(
            new CarryOver.Change("responsibility", "shared", "customer"),
            new CarryOver.Change("customerResponsibility", "Patch guests", "Patch guests weekly")),
        r.changes());
    Close c = assertInstanceOf(Close.class, s.get("6.1"));
    assertEquals("moved-to-provider", c.kind());
    assertTrue(c.note().contains("provider"));
    assertEquals("moved-to-customer", assertInstanceOf(Create.class, s.get("7.1")).kind());
    assertEquals("new", assertInstanceOf(Create.class, s.get("8.1")).kind());
    assertEquals(5, s.size());
  }

  @Test
  void anApprovedDeviationMovingTheDutyToTheProviderClosesTheObligation() {
    Map<String, Agreed> before = agreed(st("5.1", "shared", "Keep your keys"));
    List<Open> open = List.of(new Open("o1", "5.1", "shared", "Keep your keys"));
    Map<String, Agreed> after =
        agreed(
            List.of(new Deviation("5.1", "provider", null, "d1")),
            st("5.1", "shared", "Keep your keys"));
    Close c = assertInstanceOf(Close.class, CarryOver.plan(before, open, after).get(0));
    assertTrue(c.note().contains("agreed deviation"), c.note());
  }

  @Test
  void anObligationWhoseControlStopsApplyingIsClosed() {
    List<Step> steps =
        CarryOver.plan(
            agreed(st("5.1", "shared", "X")),
            List.of(new Open("o1", "5.1", "shared", "X")),
            agreed(na("5.1")));
    assertEquals("not-applicable", assertInstanceOf(Close.class, steps.get(0)).kind());
  }

  // ------------------------------------------------------------------ material changes

  private static Map<String, ControlChange> classify(
      Map<String, Agreed> before, Map<String, Agreed> after, String... contentChanged) {
    return MaterialChanges.classify(before, after, Set.of(contentChanged)).stream()
        .collect(Collectors.toMap(ControlChange::controlId, c -> c));
  }

  @Test
  void responsibilityTowardTheCustomerIsMaterialTowardTheProviderEditorial() {
    Map<String, ControlChange> c =
        classify(
            agreed(st("5.1", "shared", "T"), st("5.2", "customer", "T")),
            agreed(st("5.1", "customer", "T"), st("5.2", "shared", "T")),
            "5.1",
            "5.2");
    assertTrue(c.get("5.1").material());
    assertEquals(List.of(MaterialChanges.TOWARD_CUSTOMER), c.get("5.1").reasons());
    assertFalse(c.get("5.2").material());
  }

  @Test
  void applicabilityAndCustomerTextChangesAreMaterial() {
    Map<String, ControlChange> c =
        classify(
            agreed(st("5.1", "shared", "T"), na("5.2"), st("5.3", "shared", "Old text")),
            agreed(na("5.1"), st("5.2", "shared", "T"), st("5.3", "shared", "New text")),
            "5.1",
            "5.2",
            "5.3");
    assertEquals(List.of(MaterialChanges.APPLICABILITY), c.get("5.1").reasons());
    assertEquals(List.of(MaterialChanges.APPLICABILITY), c.get("5.2").reasons());
    assertEquals(List.of(MaterialChanges.CUSTOMER_TEXT), c.get("5.3").reasons());
  }

  @Test
  void aChangeOfTheProvidersOwnTextIsEditorialAndUnchangedControlsAreNotListed() {
    Map<String, ControlChange> c =
        classify(
            agreed(st("5.1", "shared", "T"), st("5.2", "shared", "T")),
            agreed(st("5.1", "shared", "T"), st("5.2", "shared", "T")),
            "5.1");
    assertFalse(c.get("5.1").material());
    assertFalse(c.containsKey("5.2"));
  }

  @Test
  void aNewApplicableControlIsMaterial() {
    Map<String, ControlChange> c =
        classify(
            agreed(st("5.1", "shared", "T")),
            agreed(st("5.1", "shared", "T"), st("9.9", "customer", "N")),
            "9.9");
    assertTrue(c.get("9.9").material());
  }

  @Test
  void theOrganizationsDeviationIsTakenIntoAccount() {
    // The standard statement moves 5.1 from shared to customer; this organization had already
    // agreed "customer" by deviation, so for it nothing moves: editorial, not material.
    Map<String, Agreed> before =
        agreed(List.of(new Deviation("5.1", "customer", null, "d1")), st("5.1", "shared", "T"));
    Map<String, Agreed> after = agreed(st("5.1", "customer", "T"));
    assertFalse(classify(before, after, "5.1").get("5.1").material());
    // Without the deviation the same change is material.
    assertTrue(classify(agreed(st("5.1", "shared", "T")), after, "5.1").get("5.1").material());
  }
}
