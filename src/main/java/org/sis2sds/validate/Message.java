package org.sis2sds.validate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One verification message, in SDS's shape ({@code type}, {@code fileName}, {@code description}) plus what SDS never
 * said: the rule id, the column, the count, the first row numbers (1-based, header excluded) and sample values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "fileName", "description", "rule", "column", "count", "rows", "samples"})
public record Message(String type, String fileName, String description, String rule, String column, Long count,
                      List<Long> rows, List<String> samples) {

    public static final String ERROR = "Error";
    public static final String WARNING = "Warning";

    /** A message as SDS itself sends it (for example from the SDS start response). */
    public static Message of(String type, String fileName, String description) {
        return new Message(type, fileName, description, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean isError() {
        return ERROR.equalsIgnoreCase(type);
    }

    @JsonIgnore
    public boolean isWarning() {
        return WARNING.equalsIgnoreCase(type);
    }
}
