package io.policywatch.notify.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application ({@code java -jar quarkus-run.jar}, production profile) serves what people open in a
 * browser: the Swagger UI (production includes it only with {@code quarkus.swagger-ui.always-include}), the
 * dashboard page and the event contract.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerTestResource.class)
class PackagedApplicationIT {

    @Test
    void swaggerUiTheDashboardAndTheContractAreServedInProduction() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("swagger-ui"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/documents/stream"));
        given().when().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("dashboard.js"));
        given().when().get("/dashboard.js").then().statusCode(200).body(containsString("EventSource"));
        given().when().get("/asyncapi").then().statusCode(200).body(containsString("asyncapi: 3.0.0"));
    }
}
