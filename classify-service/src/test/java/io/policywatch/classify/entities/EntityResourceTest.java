package io.policywatch.classify.entities;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.policywatch.classify.Seeds;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class EntityResourceTest {

    @Test
    void postingATextAnswersTheEntitiesItMentionsAndItsIssuer() {
        given().contentType("text/plain; charset=UTF-8").body(Seeds.read(Seeds.SCO_INFORMATION_SECURITY))
                .when().post("/entities")
                .then().statusCode(200)
                .contentType("application/json")
                .body("gazetteerVersion", equalTo("1"))
                .body("issuers", equalTo(List.of("SCO")))
                .body("entities[0].id", equalTo("SCO"))
                .body("entities[0].name", equalTo("Shanghai Cooperation Organization"))
                .body("entities[0].type", equalTo("organization"))
                .body("entities.id", hasItems("UN", "CHN"));
    }

    @Test
    void postingAnEmptyBodyIsABadRequestWithAReason() {
        given().contentType("text/plain").body(" ")
                .when().post("/entities")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("empty"));
    }
}
