// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.scanbase.store.Documents;

/**
 * The one JSON writer of the commands: indented, one document. Plain values (what reports are
 * made of) are written without building Jackson, in Jackson's layout; anything else by Jackson.
 */
final class Json {
    private Json() {}

    /** Jackson, built on first use. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static String write(Object value) {
        String plain = Documents.writeIndented(value);
        if (plain != null) {
            return plain;
        }
        try {
            return Mapper.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
