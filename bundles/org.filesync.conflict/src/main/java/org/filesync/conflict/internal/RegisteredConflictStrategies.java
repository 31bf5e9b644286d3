package org.filesync.conflict.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.filesync.api.plugin.RankedPlugins;
import org.filesync.conflict.ConflictStrategies;
import org.filesync.resolver.conflict.ConflictStrategy;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ConflictStrategies} service: every {@link ConflictStrategy} service, as it comes and goes. */
@Component(name = RegisteredConflictStrategies.NAME, service = ConflictStrategies.class)
public final class RegisteredConflictStrategies implements ConflictStrategies {

    static final String NAME = "org.filesync.conflict.strategies";
    private static final Logger LOG = LoggerFactory.getLogger(RegisteredConflictStrategies.class);

    private final RankedPlugins<ConflictStrategy> strategies = new RankedPlugins<>(ConflictStrategy.PROPERTY);

    @Reference(
            name = "strategy",
            service = ConflictStrategy.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeStrategy",
            updated = "updateStrategy")
    void addStrategy(ConflictStrategy strategy, Map<String, Object> properties) {
        if (strategies.add(strategy, properties).isEmpty()) {
            LOG.warn(
                    "Ignoring conflict strategy {} without a '{}' service property",
                    strategy,
                    ConflictStrategy.PROPERTY);
        }
    }

    void removeStrategy(ConflictStrategy strategy, Map<String, Object> properties) {
        strategies.remove(properties);
    }

    void updateStrategy(ConflictStrategy strategy, Map<String, Object> properties) {
        strategies.update(strategy, properties);
    }

    @Override
    public Optional<ConflictStrategy> find(String name) {
        return strategies.find(name);
    }

    @Override
    public Set<String> names() {
        return strategies.names();
    }
}
