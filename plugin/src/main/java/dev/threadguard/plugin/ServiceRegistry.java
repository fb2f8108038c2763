package dev.threadguard.plugin;

import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.project.MavenProject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services {@code start} left running for {@code stop} to judge, one per project. Maven keeps a plugin's classes
 * for the whole build, so {@code start} and {@code stop} of one build (also with {@code -T}) meet here.
 */
final class ServiceRegistry {

    private static final Map<String, ServiceRun> RUNNING = new ConcurrentHashMap<>();

    private ServiceRegistry() {
    }

    static String key(MavenProject project) {
        return project.getBasedir().getAbsolutePath();
    }

    /** @return false when a service of this project is running already */
    static boolean register(MavenProject project, ServiceRun service) {
        return RUNNING.putIfAbsent(key(project), service) == null;
    }

    static ServiceRun take(MavenProject project) {
        return RUNNING.remove(key(project));
    }

    static boolean running(MavenProject project) {
        ServiceRun service = RUNNING.get(key(project));
        return service != null && service.isAlive();
    }
}
