package org.sis2sds.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.sis2sds.validate.Message;

/**
 * "What to fix", in plain words, for each validation rule (V01–V12) and for the messages SDS itself sends. A message
 * without a rule id (straight from SDS) is recognised by its text.
 */
public final class FixAdvice {
    private static final Map<String, String> BY_RULE = new LinkedHashMap<>();
    private static final Map<Pattern, String> BY_TEXT = new LinkedHashMap<>();

    static {
        BY_RULE.put("V01", "The file is not in the batch. Export it from the student information system and add it "
                + "with exactly this name (upper or lower case does not matter).");
        BY_RULE.put("V02", "The file is empty. Export it again: its first line must be the header with the column "
                + "names.");
        BY_RULE.put("V03", "A column SDS needs is not in the header. Add the column (spelled exactly as shown) to the "
                + "export and fill it in for every row.");
        BY_RULE.put("V04", "The header has the same column twice. Remove one of the two columns from the export.");
        BY_RULE.put("V05", "These rows have an empty cell in a column that must be filled in. Fill in the value in the "
                + "source system for the rows listed, then export again.");
        BY_RULE.put("V06", "These cells are not in the expected format. IDs and usernames must have no spaces; dates "
                + "look like 2024-08-31; e-mail addresses like name@school.org; graduation years have four digits. "
                + "Correct the values shown.");
        BY_RULE.put("V07", "The same value appears on more than one row where each must be different. Give every "
                + "record its own ID or username; the sample values show which ones repeat.");
        BY_RULE.put("V08", "These rows point at a school, section, student or teacher that is not in the batch. Add "
                + "the missing record to its file, or remove or correct the rows that refer to it.");
        BY_RULE.put("V09", "These rows have more or fewer columns than the header, usually because of a stray comma or "
                + "quote. Put values that contain commas inside double quotes, or remove the extra commas.");
        BY_RULE.put("V10", "The file has more rows than SDS accepts (2,000,000). Split the district into smaller "
                + "batches, for example by school.");
        BY_RULE.put("V11", "The file is not saved as UTF-8 text. Save or export it again with UTF-8 encoding "
                + "(in Excel: \"CSV UTF-8\").");
        BY_RULE.put("V12", "SDS does not know this column and will ignore it. Nothing to fix unless the column was "
                + "meant to be one SDS knows; then correct its spelling.");

        BY_TEXT.put(Pattern.compile("^File not found.*"), BY_RULE.get("V01"));
        BY_TEXT.put(Pattern.compile("^Header row missing.*"), BY_RULE.get("V02"));
        BY_TEXT.put(Pattern.compile("^Required column missing.*"), BY_RULE.get("V03"));
        BY_TEXT.put(Pattern.compile("^Duplicate column found.*"), BY_RULE.get("V04"));
        BY_TEXT.put(Pattern.compile(".*have missing data for the field.*"), BY_RULE.get("V05"));
        BY_TEXT.put(Pattern.compile(".*have an invalid format for the field.*"), BY_RULE.get("V06"));
        BY_TEXT.put(Pattern.compile(".*duplicates found in column.*"), BY_RULE.get("V07"));
        BY_TEXT.put(Pattern.compile(".*referenced data not found in source.*"), BY_RULE.get("V08"));
        BY_TEXT.put(Pattern.compile(".*different number of fields than the header.*"), BY_RULE.get("V09"));
        BY_TEXT.put(Pattern.compile("^File exceeds the maximum.*"), BY_RULE.get("V10"));
        BY_TEXT.put(Pattern.compile(".*not valid UTF-8.*"), BY_RULE.get("V11"));
        BY_TEXT.put(Pattern.compile("^Unknown column ignored.*"), BY_RULE.get("V12"));
    }

    private FixAdvice() {
    }

    /** Plain-words advice for a message; a general hint when the message is not one we know. */
    public static String forMessage(Message m) {
        if (m.rule() != null && BY_RULE.containsKey(m.rule())) {
            return BY_RULE.get(m.rule());
        }
        String d = m.description() == null ? "" : m.description();
        for (Map.Entry<Pattern, String> e : BY_TEXT.entrySet()) {
            if (e.getKey().matcher(d).matches()) {
                return e.getValue();
            }
        }
        return m.isWarning()
                ? "SDS reported this as a warning: the batch can still sync, but check the data it names."
                : "SDS refused the batch with this message. Correct the data it names in the source system and send "
                + "the batch again.";
    }
}
