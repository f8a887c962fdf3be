package io.policywatch.classify.classification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.policywatch.classify.Seeds;
import io.policywatch.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ClassifyResourceTest {

    @Test
    void postingATextAnswersItsClassification() {
        String text = Seeds.read(Seeds.SCO_INFORMATION_SECURITY);

        given().contentType("text/plain; charset=UTF-8").body(text)
                .when().post("/classify")
                .then().statusCode(200)
                .contentType("application/json")
                .body("model", equalTo("policywatch-classifier/2.1"))
                .body("taxonomyVersion", equalTo("1"))
                .body("language", equalTo("en"))
                .body("languageSupported", equalTo(true))
                .body("domains[0].domain", equalTo("cyber"))
                .body("domains[0].stance.support", greaterThan(0))
                .body("sentences[0].index", equalTo(0))
                .body("sentences[1].text", containsString("Shanghai Cooperation Organization"))
                .body("sentences.stance", hasItems("support"));
    }

    @Test
    void theClassificationNamesTheOrganizationsMentionedAndWhoSpeaks() {
        given().contentType("text/plain; charset=UTF-8").body(Seeds.read(Seeds.SCO_INFORMATION_SECURITY))
                .when().post("/classify")
                .then().statusCode(200)
                .body("gazetteerVersion", equalTo("1"))
                .body("entities.id", hasItems("SCO", "UN"))
                .body("issuers", hasItems("SCO"));
    }

    @Test
    void postingANonEnglishTextAnswersItsLanguageAndNoDomains() {
        given().contentType("text/plain; charset=UTF-8")
                .body("Die Mitgliedstaaten lehnen die Militarisierung des Weltraums ab und werden die Zusammenarbeit "
                        + "im Bereich der Informationssicherheit mit den Vereinten Nationen vertiefen.")
                .when().post("/classify")
                .then().statusCode(200)
                .body("language", equalTo("de"))
                .body("languageSupported", equalTo(false))
                .body("domains", empty())
                .body("sentences", hasSize(1));
    }

    @Test
    void postingAnEmptyBodyIsABadRequestWithAReason() {
        given().contentType("text/plain").body("  \n ")
                .when().post("/classify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("empty"));
    }

    @Test
    void postingSomethingElseThanTextIsRefusedAsProblemJson() {
        given().contentType("application/json").body("{\"text\":\"hello\"}")
                .when().post("/classify")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void theTaxonomyListsItsDomainsAndStances() {
        given().when().get("/taxonomy")
                .then().statusCode(200)
                .body("version", equalTo("1"))
                .body("domains", hasSize(14))
                .body("domains.id", hasItems("outer-space", "cyber", "global-governance"))
                .body("domains[0].label", equalTo("Outer space"))
                .body("stances.id", hasItems("support", "oppose", "neutral"));
    }
}
