package org.filesync.itests;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import org.filesync.jobs.Job;
import org.filesync.jobs.JobContext;
import org.filesync.jobs.JobManager;
import org.filesync.jobs.JobResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Holds the jobs of the runs started while it is open: a one-thread {@link TestJobBackend} ranked
 * above the default backend takes them, and a gate job holds its only thread until {@link #release}.
 * A test uses it to act between a run's plan and its jobs; closing it releases the gate and
 * unregisters the backend.
 */
final class HeldJobs implements AutoCloseable {

    /** A job that holds its backend's only thread until the gate opens. */
    private static final class Gate implements Job {

        private final CountDownLatch open = new CountDownLatch(1);

        void open() {
            open.countDown();
        }

        @Override
        public String type() {
            return "itest.gate";
        }

        @Override
        public String description() {
            return "holds the jobs queued behind it until the test opens it";
        }

        @Override
        public JobResult run(JobContext context) throws InterruptedException {
            open.await();
            return JobResult.success(0, 0, "opened");
        }
    }

    private final TestJobBackend backend = new TestJobBackend();
    private final Gate gate = new Gate();
    private final ServiceRegistration<JobManager> registration;

    HeldJobs(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        props.put(JobManager.BACKEND_PROPERTY, TestJobBackend.NAME);
        registration = context.registerService(JobManager.class, backend, props);
        backend.dispatch(gate);
    }

    /** Whether a job of the type waits behind the gate. */
    boolean holds(String jobType) {
        return backend.active().stream().anyMatch(job -> job.type().equals(jobType));
    }

    /** Lets the held jobs run. */
    void release() {
        gate.open();
    }

    @Override
    public void close() {
        gate.open();
        registration.unregister();
        backend.close();
    }
}
