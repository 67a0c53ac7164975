package org.sis2sds.batch;

import java.util.List;
import java.util.Optional;

/**
 * The default lists of values (ENUMs) of SDS v2.1 (research industrydata.md §4.4). Codes match case-insensitively
 * and are stored as written here (camelCase); a grade without its leading zero ({@code 1}) is the grade {@code 01}.
 * A tenant can add codes of its own (referenceDefinitions); {@code sis2sds.validation.extra-codes} tells the
 * validator about them.
 */
public enum V21Enum {
    /** orgs.csv {@code type}. */
    ORG_TYPE("orgType", "RefOrganizationType", List.of("school", "ministryOfEducation", "localAuthority", "department",
            "university", "region", "district", "college", "division", "local", "campus", "province", "state",
            "adultEducation", "researchCenter", "national", "municipality", "program", "departmentOfEducation",
            "academicTrust")),
    /** roles.csv {@code role}: the 28 staff roles, student and other. */
    ROLE("role", "RefRole", Codes.ROLES),
    /** enrollments.csv {@code role}: the roles of roles.csv, and aide (a member role of class groups). */
    ENROLLMENT_ROLE("enrollmentRole", "RefRole", Codes.withAide()),
    /** roles.csv and courses.csv {@code grade}. */
    GRADE("grade", "RefGradeLevel", List.of("it", "pr", "pk", "tk", "kg", "01", "02", "03", "04", "05", "06", "07",
            "08", "09", "10", "11", "12", "13", "14", "ps", "ug", "other", "ps1", "ps2", "ps3", "ps4", "undergraduate",
            "graduate", "postgraduate", "alumni", "adultEducation")),
    /** academicSessions.csv {@code type}. */
    SESSION_TYPE("sessionType", "RefSessionType", List.of("schoolYear", "semester", "term", "gradingPeriod",
            "quarter")),
    /** demographics.csv {@code sex}. */
    SEX("sex", "RefSex", List.of("male", "female", "notSelected")),
    /** demographics.csv {@code ethnicityCodes}. */
    ETHNICITY("ethnicity", "RefEthnicity", List.of("hispanicOrLatinoEthnicity")),
    /** demographics.csv {@code raceCodes}. */
    RACE("race", "RefRace", List.of("americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
            "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces")),
    /** userFlags.csv {@code flag}. */
    FLAG("flag", "RefPersonFlag", List.of("iep", "504", "freeLunch", "reducedLunch", "homeless", "giftedOrTalented",
            "englishLanguageLearner", "limitedEnglishProficiency", "specialEducationServices")),
    /** relationships.csv {@code relationshipRole}. */
    RELATIONSHIP_ROLE("relationshipRole", "RefRelationshipRole", List.of("parent", "guardian", "relative", "other",
            "doctor", "aide"));

    private final String key;
    private final String referenceName;
    private final List<String> codes;

    V21Enum(String key, String referenceName, List<String> codes) {
        this.key = key;
        this.referenceName = referenceName;
        this.codes = codes;
    }

    /** The list's name in settings ({@code sis2sds.validation.extra-codes}): {@code grade}, {@code orgType}... */
    public String key() {
        return key;
    }

    /** The reference list SDS names in its messages ({@code RefGradeLevel}). */
    public String referenceName() {
        return referenceName;
    }

    /** The default codes, as SDS stores them. */
    public List<String> codes() {
        return codes;
    }

    /**
     * The code as SDS stores it, for a value matched case-insensitively ({@code SCHOOL} → {@code school}; a grade
     * {@code 1} → {@code 01}); empty when the value is not a default code.
     */
    public Optional<String> canonical(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = normalize(value.strip());
        for (String c : codes) {
            if (c.equalsIgnoreCase(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A grade of one digit gets its leading zero ({@code 7} → {@code 07}); any other value is returned as it is. */
    public String normalize(String value) {
        if (this == GRADE && value.length() == 1 && value.charAt(0) >= '0' && value.charAt(0) <= '9') {
            return "0" + value;
        }
        return value;
    }

    /** The list named {@code key} ({@code grade}, {@code orgType}...; case-insensitive). */
    public static Optional<V21Enum> byKey(String key) {
        for (V21Enum e : values()) {
            if (e.key.equalsIgnoreCase(key.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static final class Codes {
        static final List<String> ROLES = List.of("principal", "chair", "professor", "researcher", "adjunct",
                "affiliate", "occupationalTherapist", "physicalTherapist", "speechTherapist", "visionTherapist",
                "paraprofessional", "specialServices", "advisor", "proctor", "nurse", "officeStaff", "lecturer",
                "itAdmin", "administrator", "teacher", "faculty", "staff", "teacherAssistant", "assistant",
                "instructor", "substitute", "coach", "alumni", "student", "other");

        static List<String> withAide() {
            List<String> l = new java.util.ArrayList<>(ROLES);
            l.add("aide");
            return List.copyOf(l);
        }
    }
}
