package org.filesync.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.filesync.jobs.Job;
import org.filesync.jobs.JobEvents;
import org.filesync.jobs.JobHandle;
import org.filesync.jobs.JobManager;
import org.filesync.jobs.JobStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link JobManager}: a bounded thread pool, job records in the shared database
 * (table {@code FS_JOB}), audit log {@value JobEngine#AUDIT_LOGGER}, EventAdmin events. Registered
 * with {@code service.ranking} 0 and {@code job.backend=threadpool}; configured by PID {@value
 * #PID}.
 */
@Component(
        name = ThreadPoolJobManager.PID,
        configurationPid = ThreadPoolJobManager.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {JobManager.BACKEND_PROPERTY + "=" + ThreadPoolJobManager.BACKEND, "service.ranking:Integer=0"})
@Designate(ocd = ThreadPoolJobManager.Config.class)
public final class ThreadPoolJobManager implements JobManager {

    static final String PID = "org.filesync.jobs";
    static final String BACKEND = "threadpool";

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPoolJobManager.class);

    /** Configuration of the thread-pool backend. */
    @ObjectClassDefinition(name = "filesync job manager", description = "The default thread-pool job backend")
    public @interface Config {
        @AttributeDefinition(description = "How many jobs run at once (at least 1)")
        int maxConcurrent() default 4;

        @AttributeDefinition(description = "Minimum interval between two progress events of a job, in milliseconds")
        long progressEventIntervalMillis() default 500;

        @AttributeDefinition(
                description = "How many finished jobs are kept in memory (older ones stay in the database)")
        int retainedJobs() default 1000;

        @AttributeDefinition(description = "How long to wait for running jobs when the backend stops, in seconds")
        long shutdownGraceSeconds() default 10;
    }

    private final JobEngine engine;
    private final long graceSeconds;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public ThreadPoolJobManager(
            @Reference(target = "(osgi.jndi.service.name=filesync)") DataSource dataSource, Config config) {
        this.engine = new JobEngine(
                BACKEND,
                config.maxConcurrent(),
                new JdbcJobStore(dataSource),
                new Events(),
                Clock.systemUTC(),
                Duration.ofMillis(Math.max(0, config.progressEventIntervalMillis())),
                config.retainedJobs());
        this.graceSeconds = config.shutdownGraceSeconds();
        engine.recoverInterrupted();
        LOG.info("Job backend {} started: {} job(s) at once", BACKEND, config.maxConcurrent());
    }

    @Modified
    void modified(Config config) {
        engine.maxConcurrent(config.maxConcurrent());
        LOG.info("Job backend {} now runs {} job(s) at once", BACKEND, config.maxConcurrent());
    }

    @Deactivate
    void deactivate() {
        engine.close(Duration.ofSeconds(Math.max(0, graceSeconds)));
        LOG.info("Job backend {} stopped", BACKEND);
    }

    @Override
    public JobHandle dispatch(Job job) {
        return engine.dispatch(job);
    }

    @Override
    public Optional<JobHandle> handle(String id) {
        return engine.handle(id);
    }

    @Override
    public Optional<JobStatus> status(String id) {
        return engine.status(id);
    }

    @Override
    public List<JobStatus> active() {
        return engine.active();
    }

    @Override
    public List<JobStatus> recent(int limit) {
        return engine.recent(limit);
    }

    @Override
    public boolean cancel(String id) {
        return engine.cancel(id);
    }

    /** Posts job events on EventAdmin when it is there. */
    private final class Events implements JobListener {
        @Override
        public void stateChanged(JobStatus status) {
            post(JobEvents.topic(status.state()), status);
        }

        @Override
        public void progress(JobStatus status) {
            post(JobEvents.TOPIC_PROGRESS, status);
        }

        private void post(String topic, JobStatus status) {
            EventAdmin ea = eventAdmin;
            if (ea != null) {
                ea.postEvent(new Event(topic, properties(status)));
            }
        }
    }

    static Map<String, Object> properties(JobStatus s) {
        Map<String, Object> p = new HashMap<>();
        p.put(JobEvents.PROPERTY_JOB_ID, s.id());
        p.put(JobEvents.PROPERTY_JOB_TYPE, s.type());
        p.put(JobEvents.PROPERTY_JOB_BACKEND, s.backend());
        p.put(JobEvents.PROPERTY_STATE, s.state().label());
        p.put(JobEvents.PROPERTY_REASON, s.reason());
        p.put(JobEvents.PROPERTY_ITEMS_DONE, s.progress().itemsDone());
        p.put(JobEvents.PROPERTY_ITEMS_TOTAL, s.progress().itemsTotal());
        p.put(JobEvents.PROPERTY_BYTES_DONE, s.progress().bytesDone());
        p.put(JobEvents.PROPERTY_BYTES_TOTAL, s.progress().bytesTotal());
        p.put(JobEvents.PROPERTY_BYTES_PER_SECOND, s.progress().bytesPerSecond());
        s.result()
                .ifPresent(r -> p.put(JobEvents.PROPERTY_ERROR_COUNT, r.errors().size()));
        return p;
    }
}
