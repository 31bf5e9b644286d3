package org.filesync.service.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the filesync service (PID {@code org.filesync.service}). */
@ObjectClassDefinition(name = "filesync service", description = "How sync runs wait and proceed")
@interface ServiceConfig {

    @AttributeDefinition(
            name = "Settle timeout (seconds)",
            description = "How long a sync waits for the index of both ends to settle before it is refused")
    long settle_timeout_seconds() default 30;

    @AttributeDefinition(
            name = "Verification timeout (seconds)",
            description = "How long the verification of a generation may take before it ends failed:timeout:<step>")
    long verification_timeout_seconds() default 120;
}
