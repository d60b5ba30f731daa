package dev.tandem.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.web.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Obligation input rules and the export's cell text: plain code. */
@Tag("fast")
class ObligationInputTest {
  private static List<String> fields(List<Problem.FieldError> errors) {
    return errors.stream().map(Problem.FieldError::field).toList();
  }

  @Test
  void aRiskAcceptanceNeedsAReason() {
    List<Problem.FieldError> errors = new ArrayList<>();
    ObligationRules.check(null, "risk_accepted", "  ", null, null, null, false, errors);
    assertEquals(List.of("statusReason"), fields(errors));
  }

  @Test
  void unknownStatusesAndBadDatesAreRefused() {
    List<Problem.FieldError> errors = new ArrayList<>();
    ObligationRules.check(null, "done", null, null, null, "31.03.2027", false, errors);
    assertEquals(List.of("status", "dueDate"), fields(errors));
  }

  @Test
  void inputIsNormalised() {
    List<Problem.FieldError> errors = new ArrayList<>();
    ObligationRules.Update u =
        ObligationRules.check(
            " initech-reviewer ",
            "implemented",
            null,
            "  We rotate keys.\r\n",
            List.of(" ISMS-7 ", "", "  "),
            "2027-03-31",
            true,
            errors);
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals("initech-reviewer", u.owner());
    assertEquals("We rotate keys.", u.statement());
    assertEquals(List.of("ISMS-7"), u.evidence());
    assertEquals(LocalDate.of(2027, 3, 31), u.dueDate());
  }

  @Test
  void spreadsheetCellsNeverStartAFormula() {
    assertEquals("'=HYPERLINK(\"x\")", ObligationXlsx.cellText("=HYPERLINK(\"x\")"));
    assertEquals("'+1", ObligationXlsx.cellText("+1"));
    assertEquals("'@SUM(A1)", ObligationXlsx.cellText("@SUM(A1)"));
    assertEquals("Plain text", ObligationXlsx.cellText("Plain text"));
  }
}
