package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lists of values (research §4.4, §1.10): the seeded referenceDefinitions (id {@code {referenceType}-{code}}) and
 * the two default role groups. The record check matches enum values against them case-insensitively, so codes a
 * tenant adds through {@code POST /referenceDefinitions} are accepted and disabled ones are not.
 */
final class ReferenceValues {
    static final List<String> STAFF_ROLES = List.of("principal", "chair", "professor", "researcher", "adjunct",
            "affiliate", "occupationalTherapist", "physicalTherapist", "speechTherapist", "visionTherapist",
            "paraprofessional", "specialServices", "advisor", "proctor", "nurse", "officeStaff", "lecturer", "itAdmin",
            "administrator", "teacher", "faculty", "staff", "teacherAssistant", "assistant", "instructor", "substitute",
            "coach", "alumni");
    private static final String NO_DATE = "0001-01-01T00:00:00Z";

    private final EntitySet definitions;
    private final EntitySet roleGroups;
    private Map<String, String> lookup = Map.of();
    private long lookupVersion = -1;

    ReferenceValues(EntitySet definitions, EntitySet roleGroups) {
        this.definitions = definitions;
        this.roleGroups = roleGroups;
        seed("RefOrgType", "LOV", List.of("school", "ministryOfEducation", "localAuthority", "department",
                "university", "region", "district", "college", "division", "local", "campus", "province", "state",
                "adultEducation", "researchCenter", "national", "municipality", "program", "departmentOfEducation",
                "academicTrust"));
        List<String> roles = new java.util.ArrayList<>(STAFF_ROLES);
        roles.add("student");
        roles.add("other");
        seed("RefRole", "LOV", roles);
        List<String> sectionRoles = new java.util.ArrayList<>(roles);
        sectionRoles.add("aide");
        seed("RefSectionRole", "LOV", sectionRoles);
        List<String> grades = new java.util.ArrayList<>(List.of("it", "pr", "pk", "tk", "kg"));
        for (int g = 1; g <= 14; g++) {
            grades.add(String.format(Locale.ROOT, "%02d", g));
        }
        grades.addAll(List.of("ps", "ug", "other", "ps1", "ps2", "ps3", "ps4", "undergraduate", "graduate",
                "postgraduate", "alumni", "adultEducation"));
        seed("RefGradeLevel", "CEDS", grades);
        seed("RefSessionType", "IMS Global", List.of("schoolYear", "semester", "term", "gradingPeriod", "quarter"));
        seed("RefSex", "CEDS", List.of("male", "female", "notSelected"));
        seed("RefPersonFlag", "LOV", List.of("iep", "freeLunch", "504", "reducedLunch", "homeless",
                "giftedOrTalented", "englishLanguageLearner", "limitedEnglishProficiency", "specialEducationServices"));
        seed("RefRelationshipRole", "LOV", List.of("parent", "guardian", "relative", "other", "doctor", "aide"));
        seed("RefIdentifierType", "LOV", List.of("username", "email", "activeDirectoryMatchId"));
        seed("RefUserMatchTarget", "LOV", List.of("userPrincipalName", "mail"));
        seed("RefFileFormat", "LOV", List.of(CsvFileSpec.V1, CsvFileSpec.V21));
        roleGroups.put("staff", roleGroup("staff", "Staff", STAFF_ROLES));
        roleGroups.put("students", roleGroup("students", "Students", List.of("student")));
    }

    private void seed(String type, String source, List<String> codes) {
        int i = 0;
        for (String c : codes) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("@odata.type", "#microsoft.graph.industryData.referenceDefinition");
            n.put("id", type + "-" + c);
            n.put("code", c);
            n.put("referenceType", type);
            n.put("displayName", c);
            n.put("isDisabled", false);
            n.put("sortIndex", ++i * 10);
            n.put("source", source);
            n.put("createdDateTime", NO_DATE);
            n.put("lastModifiedDateTime", NO_DATE);
            definitions.put(type + "-" + c, n);
        }
    }

    private static ObjectNode roleGroup(String id, String name, List<String> roles) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("@odata.type", "#microsoft.graph.industryData.roleGroup");
        n.put("id", id);
        n.put("displayName", name);
        roles.forEach(r -> n.withArray("roles").addObject().put("code", r));
        return n;
    }

    /**
     * The stored (camelCase) code of an enum value, matched case-insensitively, or null when the list has no enabled
     * code for it. Grade levels also match without their leading zero ({@code 1} is {@code 01}).
     */
    String canonical(String type, String value) {
        String v = value.trim();
        if ("RefGradeLevel".equals(type) && v.length() == 1 && Character.isDigit(v.charAt(0))) {
            v = "0" + v;
        }
        if (lookupVersion != definitions.version()) {
            Map<String, String> m = new java.util.HashMap<>();
            for (ObjectNode d : definitions.all()) {
                if (!d.path("isDisabled").asBoolean()) {
                    String code = d.path("code").asText();
                    m.put(d.path("referenceType").asText() + "\u0000" + code.toLowerCase(Locale.ROOT), code);
                }
            }
            lookup = m;
            lookupVersion = definitions.version();
        }
        return lookup.get(type + "\u0000" + v.toLowerCase(Locale.ROOT));
    }
}
