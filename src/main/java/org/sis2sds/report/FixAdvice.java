package org.sis2sds.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.sis2sds.validate.Message;

/**
 * "What to fix", in plain words, for each validation rule (SDS v1: V01–V13; SDS v2.1: V21-01–V21-20; both: F01,
 * F02) and for the messages SDS itself sends. A message without a rule id (straight from SDS) is recognised by its
 * text.
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
        BY_RULE.put("V13", "A row is far longer than any real row: a line break is missing, or a quote opened in a "
                + "cell is never closed, so the rest of the file reads as one cell. Open the file in a text editor at "
                + "the row shown, close the quote or restore the line breaks, and export again.");
        v21();

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

    /** The SDS v2.1 rules (docs/validator.md) and the format rules both formats share. */
    private static void v21() {
        BY_RULE.put("V21-01", "The file is required in every SDS v2.1 batch. Export it with exactly this name and "
                + "add it to the batch.");
        BY_RULE.put("V21-02", "Another file of the batch needs this one: classes.csv and enrollments.csv go together, "
                + "and academicSessions.csv or courses.csv must be there when other files refer to them. Add the "
                + "file, or empty the cells that refer to it.");
        BY_RULE.put("V21-03", "The file is empty. Export it again: its first line must be the header with the column "
                + "names.");
        BY_RULE.put("V21-04", "A column SDS needs is not in the header. Headers are case-sensitive: spell it exactly "
                + "as shown (sourcedId, not SourcedID) and fill it in for every row.");
        BY_RULE.put("V21-05", "The header has the same column twice. Remove one of the two columns from the export.");
        BY_RULE.put("V21-06", "SDS does not know this column and ignores it. Nothing to fix unless it was meant to be "
                + "a column SDS knows; then correct its spelling (headers are case-sensitive).");
        BY_RULE.put("V21-07", "These rows have an empty cell in a column that must be filled in. Fill it in for the "
                + "rows listed and export again.");
        BY_RULE.put("V21-08", "These cells are not in the expected format: dates like 2025-08-18, phone numbers like "
                + "+11234567890, e-mail addresses like name@school.org, true or false, four-digit years. Correct the "
                + "values shown. In an optional column SDS drops the value; in a required one, the whole row.");
        BY_RULE.put("V21-09", "These cells hold a code that is not in SDS's list of values for the column (codes may "
                + "be written in any case; grades 1-9 may leave out the leading zero). Use a code of the list in "
                + "docs/validator.md, or list your tenant's own codes in sis2sds.validation.extra-codes.");
        BY_RULE.put("V21-10", "SDS does not accept line breaks inside values. Replace them with spaces in the source "
                + "and export again.");
        BY_RULE.put("V21-11", "The same ID appears on more than one row. Give every record its own sourcedId; the "
                + "sample values show which ones repeat.");
        BY_RULE.put("V21-12", "Two users share a username (upper or lower case does not matter); SDS syncs only one "
                + "of them. Give each user a unique username.");
        BY_RULE.put("V21-13", "The same role of the same user at the same org is listed twice. Remove the repeated "
                + "rows.");
        BY_RULE.put("V21-14", "These rows refer to an ID that is not in the file it points to. Add the missing record, "
                + "or correct or empty the cells that refer to it.");
        BY_RULE.put("V21-15", "These orgs are their own ancestor: following parentSourcedId from one of them comes "
                + "back to it. Give the top org (the district, say) an empty parentSourcedId.");
        BY_RULE.put("V21-16", "A guardian or contact must have givenName, familyName and email in users.csv. Fill "
                + "them in for the contacts shown.");
        BY_RULE.put("V21-17", BY_RULE.get("V09"));
        BY_RULE.put("V21-18", BY_RULE.get("V11"));
        BY_RULE.put("V21-19", BY_RULE.get("V13"));
        BY_RULE.put("V21-20", "The file has its header but no data. A required file without rows leaves SDS without "
                + "users, orgs or roles; an optional one makes SDS mark all of its records inactive. Export it with "
                + "its data, or leave the optional file out of every batch.");
        BY_RULE.put("F01", "A batch holds the files of one format: the six SDS v1 files or the SDS v2.1 files. Remove "
                + "the files of the other format (or send them as a batch of their own).");
        BY_RULE.put("F02", "SDS no longer accepts SDS v2 CSV. Export SDS v2.1 CSV: users.csv without orgSourcedIds "
                + "and role, and roles.csv with one row per user, org and role.");
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
