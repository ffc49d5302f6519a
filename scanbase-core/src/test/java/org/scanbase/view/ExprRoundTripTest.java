// SPDX-License-Identifier: Apache-2.0
package org.scanbase.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random expression trees survive text and JSON, and examples print as people write them. */
class ExprRoundTripTest {
  private static final String[] NAMES =
      {"SliceLocation", "Modality", "tags", "and", "Lung Mask", "a.b", "`", "\\", "it's", "1",
       "x\"y", "_x9", "é", "exists", "NULL", "new\nline"};
  private static final Object[] SCALARS =
      {null, true, false, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 2.5, -0.0, 1e-300, 1.7976931348623157E308,
       -3.25e10, "", "MR", "quote\"back\\slash", "tab\tnl\nctl\u0001", "ünï😀", "'"};

  private final Random random = new Random(5151);

  private Expr randomExpr(int depth) {
    int choice = random.nextInt(depth <= 0 ? 3 : 12);
    switch (choice) {
      case 0: {
        List<String> path = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          path.add(NAMES[random.nextInt(NAMES.length)]);
        }
        return new Expr.Field(path);
      }
      case 1:
        return new Expr.Literal(SCALARS[random.nextInt(SCALARS.length)]);
      case 2: {
        List<Object> items = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          items.add(SCALARS[random.nextInt(SCALARS.length)]);
        }
        return new Expr.Literal(items);
      }
      case 3:
      case 4:
        return new Expr.Unary(UnaryOp.values()[random.nextInt(2)], randomExpr(depth - 1));
      case 5:
        return new Expr.In(randomExpr(depth - 1), randomExpr(depth - 1));
      case 6:
        return new Expr.Contains((Expr.Field) fieldOf(), (String) SCALARS[14 + random.nextInt(4)]);
      case 7:
        return new Expr.Exists((Expr.Field) fieldOf());
      default:
        BinaryOp op = BinaryOp.values()[random.nextInt(BinaryOp.values().length)];
        return new Expr.Binary(op, randomExpr(depth - 1), randomExpr(depth - 1));
    }
  }

  private Expr fieldOf() {
    Expr e;
    do {
      e = randomExpr(0);
    } while (!(e instanceof Expr.Field));
    return e;
  }

  @Test
  void textFormParsesBackToAnEqualExpression() {
    for (int i = 0; i < 3000; i++) {
      Expr e = randomExpr(5);
      String text = e.toString();
      assertThat(ExprParser.parse(text)).as(text).isEqualTo(e);
    }
  }

  @Test
  void jsonFormReadsBackToAnEqualExpression() {
    for (int i = 0; i < 3000; i++) {
      Expr e = randomExpr(5);
      String json = ExprJson.write(e);
      assertThat(ExprJson.read(json)).as(json).isEqualTo(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SliceLocation > 10 and Modality == \"MR\"",
      "`Lung Mask`.stats.`1`.volume_ml > 50",
      "Manufacturer in [\"GE\", \"SIEMENS\"]",
      "\"review\" in tags",
      "not exists(PatientID) or contains(SeriesDescription, \"T1\")",
      "(a or b) and not c",
      "a - (b - c) * -2 / -(4)",
      "not a in [1, 2.5, null, true]",
      "(a == b) == c",
      "-x * -y",
  })
  void examplesPrintExactlyAsWritten(String text) {
    assertThat(ExprParser.parse(text).toString()).isEqualTo(text);
  }
}
