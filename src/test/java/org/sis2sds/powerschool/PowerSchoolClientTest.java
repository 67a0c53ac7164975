package org.sis2sds.powerschool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Reading PowerSchool's JSON whatever its quirks (research §6). */
class PowerSchoolClientTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void itemsAsArraySingleObjectOrMissing() throws Exception {
        assertThat(PowerSchoolClient.items(json("{\"students\":{\"student\":[{\"id\":1},{\"id\":2}]}}"),
                "students", "student")).hasSize(2);
        assertThat(PowerSchoolClient.items(json("{\"students\":{\"@expansions\":\"\",\"student\":{\"id\":1}}}"),
                "students", "student")).singleElement().satisfies(n -> assertThat(n.get("id").asInt()).isEqualTo(1));
        assertThat(PowerSchoolClient.items(json("{\"courses\":{\"@expansions\":\"\",\"@extensions\":\"\"}}"),
                "courses", "course")).isEmpty();
        assertThat(PowerSchoolClient.items(json("{\"courses\":\"\"}"), "courses", "course")).isEmpty();
        assertThat(PowerSchoolClient.items(json("{}"), "staffs", "staff")).isEmpty();
        assertThat(PowerSchoolClient.many(json("{\"school_affiliation\":{\"school_id\":5}}").get("school_affiliation")))
                .hasSize(1);
    }

    @Test
    void textToleratesNumbersEmptyExpansionsAndAbsence() throws Exception {
        JsonNode s = json("{\"id\":12345678901,\"local_id\":\"0042\",\"student_username\":98765,"
                + "\"contact_info\":\"\",\"name\":{\"first_name\":\"Ada\",\"middle_name\":\"  \"},"
                + "\"dropped\":true,\"grade\":9.0}");
        assertThat(PowerSchoolClient.text(s, "id")).isEqualTo("12345678901");
        assertThat(PowerSchoolClient.text(s, "local_id")).isEqualTo("0042");
        assertThat(PowerSchoolClient.text(s, "student_username")).isEqualTo("98765");
        assertThat(PowerSchoolClient.text(s, "contact_info.email")).isNull();
        assertThat(PowerSchoolClient.text(s, "name.first_name")).isEqualTo("Ada");
        assertThat(PowerSchoolClient.text(s, "name.middle_name")).isNull();
        assertThat(PowerSchoolClient.text(s, "name.last_name")).isNull();
        assertThat(PowerSchoolClient.text(s, "dropped")).isEqualTo("true");
        assertThat(PowerSchoolClient.text(s, "name")).isNull();
    }
}
