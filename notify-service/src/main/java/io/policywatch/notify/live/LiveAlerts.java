package io.policywatch.notify.live;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.policywatch.events.AlertRaised;
import io.policywatch.notify.alert.AlertStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/** The alerts this instance learns of from now on, whichever instance raised them, for live streams. */
@ApplicationScoped
public class LiveAlerts {

    /** Alerts a slow stream client has not taken yet; past this, that client's stream ends in an error. */
    private static final int CLIENT_BUFFER = 1000;

    private final BroadcastProcessor<AlertRaised> alerts = BroadcastProcessor.create();

    @Inject
    AlertStore store;

    void onStart(@Observes StartupEvent event) {
        // The history read at start-up is not news: only alerts learnt of once the store is loaded are streamed.
        store.addListener(alert -> {
            if (store.loaded()) {
                // The matcher's and the view's threads both report alerts; a processor takes one at a time.
                synchronized (alerts) {
                    alerts.onNext(alert);
                }
            }
        });
    }

    /** The alerts of these subscriptions, as they come. */
    public Multi<AlertRaised> of(Set<String> subscriptionIds) {
        return alerts.onOverflow().buffer(CLIENT_BUFFER)
                .select().where(alert -> subscriptionIds.contains(alert.subscriptionId()));
    }
}
