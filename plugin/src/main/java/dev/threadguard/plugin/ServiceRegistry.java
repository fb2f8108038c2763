package dev.threadguard.plugin;

import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services {@code start} left running for {@code stop} to judge, one per project. Maven keeps a plugin's classes
 * for the whole build, so {@code start} and {@code stop} of one build (also with {@code -T}) meet here. A JVM that
 * outlives its builds (mvnd, an IDE embedding Maven) may hold a service an earlier build started and never stopped:
 * each entry knows its build, so {@code stop} judges only its own build's service and {@code start} can end the
 * one left over.
 */
final class ServiceRegistry {

    private record Entry(String build, ServiceRun service) {
    }

    private static final Map<String, Entry> RUNNING = new ConcurrentHashMap<>();

    private ServiceRegistry() {
    }

    static String key(MavenProject project) {
        return project.getBasedir().getAbsolutePath();
    }

    /** One build of this JVM: its session, told apart from earlier sessions also when they are gone. */
    static String build(MavenSession session) {
        Date started = session.getRequest() == null ? null : session.getRequest().getStartTime();
        return (started == null ? "" : started.getTime() + "@") + Integer.toHexString(System.identityHashCode(session));
    }

    /** @return false when a service of this project and build is registered already */
    static boolean register(MavenProject project, String build, ServiceRun service) {
        return RUNNING.putIfAbsent(key(project), new Entry(build, service)) == null;
    }

    /** This build's service of the project, removed; null when this build started none. */
    static ServiceRun take(MavenProject project, String build) {
        Entry entry = RUNNING.get(key(project));
        return entry != null && entry.build().equals(build) && RUNNING.remove(key(project), entry) ? entry.service()
                : null;
    }

    /** A service of the project an earlier build started and never stopped, removed; null when there is none. */
    static ServiceRun takeLeftOver(MavenProject project, String build) {
        Entry entry = RUNNING.get(key(project));
        return entry != null && !entry.build().equals(build) && RUNNING.remove(key(project), entry) ? entry.service()
                : null;
    }

    static boolean running(MavenProject project, String build) {
        Entry entry = RUNNING.get(key(project));
        return entry != null && entry.build().equals(build);
    }
}
