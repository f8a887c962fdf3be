package io.policywatch.notify.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ContractResourceTest {

    private static final Pattern SCHEMA_REF = Pattern.compile("\\$ref: '(/asyncapi/schemas/[^']+)'");

    @Test
    void theAsyncApiDocumentIsServedAndEveryPayloadSchemaItNamesResolvesOnThisService() {
        String document = given().when().get("/asyncapi")
                .then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(containsString("asyncapi: 3.0.0"), containsString("address: documents.classified"),
                        not(containsString("'./schemas/")))
                .extract().asString();

        Matcher refs = SCHEMA_REF.matcher(document);
        List<String> schemas = refs.results().map(match -> match.group(1)).distinct().toList();
        org.junit.jupiter.api.Assertions.assertEquals(4, schemas.size(), schemas.toString());
        for (String schema : schemas) {
            given().when().get(schema).then().statusCode(200).contentType(startsWith("application/schema+json"))
                    .body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"));
        }
        // A schema's own references are relative to where it is served, as in the repository.
        given().when().get("/asyncapi/schemas/stance.schema.json").then().statusCode(200)
                .body("enum", org.hamcrest.Matchers.contains("support", "oppose", "neutral"));
    }

    @Test
    void anUnknownSchemaIsAProblem() {
        given().when().get("/asyncapi/schemas/nothing.schema.json")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("nothing.schema.json"));
        given().when().get("/asyncapi/schemas/..%2Fasyncapi.yaml")
                .then().statusCode(404);
    }
}
