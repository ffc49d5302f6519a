// SPDX-License-Identifier: Apache-2.0
package org.scanbase.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Decimals#parse} gives the very double {@link Double#parseDouble} gives, bit for bit. */
class DecimalsTest {

    private static void agrees(String s) {
        assertThat(Double.doubleToRawLongBits(Decimals.parse(s))).as(s)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }

    @Test
    void readsDecimalStringsOfEveryShapeAsTheJdkDoes() {
        for (String s : new String[] {"0", "-0", "+0", "-0.0", "1", "-1", "12.5", ".5", "5.", "-.5", "0.1", "0.3",
            "123.456", "-12.3456789012345", "1e5", "1E-5", "2.5e+3", "1e22", "1e23", "1e-22", "1e-23",
            "999999999999999", "9999999999999999", "0.000000000000000000000000001", "4.9e-324", "1.7976931348623157e308",
            "00012.500", "3.14159265358979323846", "-99.99999999999999", "1e0001", "1e00001", " 1.5", "1.5 ", "1.5d",
            "NaN", "-Infinity", "0x1p3"}) {
            agrees(s);
        }
    }

    @Test
    void readsRandomDecimalsAsTheJdkDoes() {
        Random random = new Random(62);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            if (random.nextInt(4) == 0) {
                b.append(random.nextBoolean() ? '-' : '+');
            }
            int digits = 1 + random.nextInt(20);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    b.append('.');
                }
                b.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(5) == 0) {
                b.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(3) == 0 ? "-" : "")
                        .append(random.nextInt(40));
            }
            agrees(b.toString());
        }
    }

    @Test
    void rejectsWhatTheJdkRejects() {
        for (String s : new String[] {"", "-", ".", "1e", "1e+", "1.2.3", "abc", "1,5", "--1"}) {
            assertThatThrownBy(() -> Double.parseDouble(s)).as(s).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> Decimals.parse(s)).as(s).isInstanceOf(NumberFormatException.class);
        }
    }
}
