package io.policywatch.notify.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import io.policywatch.events.Stance;
import io.policywatch.events.Subscription;
import io.policywatch.notify.delivery.StandardWebhooks;
import io.policywatch.notify.matching.InvalidQueryException;
import io.policywatch.notify.matching.QueryCompiler;
import io.policywatch.support.problem.ProblemException;

/**
 * The body of {@code POST /subscriptions} and {@code PUT /subscriptions/{id}}. Stance is text here so that a wrong value gets a
 * clear answer rather
 * than a JSON mapping error.
 */
public record SubscriptionRequest(
        String name,
        String query,
        List<String> domains,
        String stance,
        Double minScore,
        WebhookRequest webhook,
        String email,
        Boolean paused,
        String digest) {

    public static final String INVALID_SUBSCRIPTION_TYPE = "https://policywatch.io/problems/invalid-subscription";

    private static final Pattern DOMAIN_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_NAME_LENGTH = 200;

    /** @param secret {@code whsec_...}; generated when absent */
    public record WebhookRequest(String url, String secret) {
    }

    /**
     * The new subscription this request asks for.
     *
     * @throws ProblemException 400 naming every problem of the request
     */
    public Subscription toSubscription(String id, Instant now) {
        return build(id, now, null);
    }

    /**
     * The subscription that replaces {@code existing}: it keeps its id, creation time, webhook secret (unless the
     * request gives one) and paused state (unless the request sets it).
     *
     * @throws ProblemException 400 naming every problem of the request
     */
    public Subscription replacing(Subscription existing, Instant now) {
        return build(existing.id(), now, existing);
    }

    private Subscription build(String id, Instant now, Subscription existing) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add("name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (query == null || query.isBlank()) {
            problems.add("query is required");
        } else {
            try {
                QueryCompiler.compile(query);
            } catch (InvalidQueryException e) {
                problems.add("query does not parse: " + e.getMessage());
            }
        }
        if (domains != null) {
            domains.stream()
                    .filter(domain -> domain == null || !DOMAIN_ID.matcher(domain).matches())
                    .forEach(domain -> problems.add("domain '" + domain
                            + "' is not a domain id (lower-case letters, digits and hyphens, e.g. outer-space)"));
        }
        Stance parsedStance = null;
        if (stance != null) {
            try {
                parsedStance = Stance.fromId(stance);
            } catch (IllegalArgumentException e) {
                problems.add("stance '" + stance + "' is not one of support, oppose, neutral");
            }
        }
        if (minScore != null && !(minScore >= 0 && minScore <= 1)) {
            problems.add("minScore must be between 0 and 1, not " + minScore);
        }
        String keptSecret = existing == null || existing.webhook() == null ? null : existing.webhook().secret();
        Subscription.Webhook webhookTarget = webhook == null ? null : webhook(problems, keptSecret);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email '" + email + "' is not an e-mail address");
        }
        Subscription.Digest digestChoice = Subscription.Digest.IMMEDIATE;
        if (digest != null) {
            try {
                digestChoice = Subscription.Digest.fromId(digest);
            } catch (IllegalArgumentException e) {
                problems.add("digest '" + digest + "' is not one of immediate, hourly, daily");
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, INVALID_SUBSCRIPTION_TYPE,
                    String.join("; ", problems));
        }
        boolean pausedState = paused != null ? paused : existing != null && existing.paused();
        return new Subscription(id, name.trim(), query.trim(), domains == null ? List.of() : List.copyOf(domains),
                parsedStance, minScore, webhookTarget, email, digestChoice, pausedState,
                existing == null ? now : existing.createdAt(),
                now);
    }

    /** @param keptSecret the secret to keep when the request gives none, or null to generate one */
    private Subscription.Webhook webhook(List<String> problems, String keptSecret) {
        String urlProblem = urlProblem(webhook.url());
        if (urlProblem != null) {
            problems.add(urlProblem);
        }
        String secret = webhook.secret();
        if (secret == null) {
            secret = keptSecret != null ? keptSecret : StandardWebhooks.generateSecret();
        } else {
            String secretProblem = StandardWebhooks.secretProblem(secret);
            if (secretProblem != null) {
                problems.add(secretProblem);
            }
        }
        return new Subscription.Webhook(webhook.url(), secret);
    }

    private static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "webhook.url is required when a webhook is given";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "webhook.url '" + url + "' must be an absolute http or https URL";
            }
            return null;
        } catch (URISyntaxException e) {
            return "webhook.url is not a URL: " + e.getMessage();
        }
    }
}
