package com.acme;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

class KillMavenIT {

    /** Records the application's pid and Maven's, then kills Maven as an OOM killer or a CI timeout would. */
    @Test
    void killsTheBuild() throws Exception {
        URI health = URI.create("http://localhost:" + System.getProperty("app.port") + "/health");
        String appPid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim();
        Path target = Path.of(System.getProperty("basedir"), "target");
        Files.writeString(target.resolve("app.pid"), appPid);
        ProcessHandle maven = maven().orElseThrow(() -> new AssertionError("no Maven JVM among my ancestors"));
        assertTrue(ProcessHandle.of(Long.parseLong(appPid)).flatMap(ProcessHandle::parent)
                .map(parent -> parent.pid() == maven.pid()).orElse(false), "the application is Maven's child");
        Files.writeString(target.resolve("maven.pid"), Long.toString(maven.pid()));
        maven.destroyForcibly(); // SIGKILL: no shutdown hook of Maven's runs
        Thread.sleep(10_000); // Maven is gone; Surefire's booter ends this JVM when it notices
    }

    /** The nearest ancestor running Maven (the test JVM may be started through a shell). */
    private static Optional<ProcessHandle> maven() {
        Optional<ProcessHandle> process = ProcessHandle.current().parent();
        while (process.isPresent()) {
            String command = process.get().info().commandLine().orElse("");
            if (command.contains("org.codehaus.plexus.classworlds.launcher.Launcher")) {
                return process;
            }
            process = process.get().parent();
        }
        return Optional.empty();
    }
}
