package dev.threadguard.types;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TypeOutlineTest {

    @Test
    void readsMemberTypesWithSupertypesAndSkipsLocalTypesCommentsAndStrings() {
        TypeOutline outline = TypeOutline.of("""
                package com.acme;
                import java.util.concurrent.*;
                import static java.util.concurrent.Executors.newFixedThreadPool;
                /** class Fake extends Thread { } */
                @Deprecated
                public final class Outer<T extends Comparable<T>> extends Base<java.util.List<T>>
                        implements Runnable, java.io.Serializable {
                    String s = "class InString extends Thread {";
                    static class Worker extends Thread { }
                    record Point(int x, int y) implements Comparable<Point> { }
                    enum Mode implements Runnable { A { void x() {} }; public void run() {} }
                    @interface Marker { }
                    void method() {
                        class Local extends Thread { class Deeper {} }
                        Runnable r = new Runnable() { public void run() {} };
                        Object o = Outer.class;
                    }
                    interface Api { }
                }
                """);
        assertThat(outline.packageName()).isEqualTo("com.acme");
        assertThat(outline.declarations()).extracting(TypeOutline.Declaration::qualifiedName)
                .containsExactly("com.acme.Outer", "com.acme.Outer.Worker", "com.acme.Outer.Point",
                        "com.acme.Outer.Mode", "com.acme.Outer.Marker", "com.acme.Outer.Api");
        assertThat(outline.declarations().get(0).writtenSupertypes())
                .containsExactly("Base", "Runnable", "java.io.Serializable");
        assertThat(outline.declarations().get(1).writtenSupertypes()).containsExactly("Thread");
        assertThat(outline.declarations().get(2).writtenSupertypes()).containsExactly("Comparable");
    }

    @Test
    void projectIndexResolvesSupertypesThroughEachFilesImports() {
        TypeOutline base = TypeOutline.of("package a; public class Base extends Thread {}");
        TypeOutline worker = TypeOutline.of("package b; import a.Base; public class Worker extends Base {}");
        TypeOutline pool = TypeOutline.of(
                "package b; import java.util.concurrent.*; class Pool extends ThreadPoolExecutor {}");
        ProjectIndex index = ProjectIndex.of(List.of(base, worker, pool));
        assertThat(index.supertypesOf("b.Worker")).containsExactly("a.Base");
        assertThat(index.supertypesOf("a.Base")).containsExactly("java.lang.Thread");
        assertThat(index.supertypesOf("b.Pool")).containsExactly("java.util.concurrent.ThreadPoolExecutor");
        assertThat(index.exists("b.Pool")).isTrue();
        assertThat(index.exists("b.Other")).isFalse();
    }

    @Test
    void marksFilesWithALoopThatHasNoEndCondition() {
        for (String endless : List.of("while (true) {}", "do { } while ((true));", "for (;;) {}",
                "for (int i = 0; ; i++) {}", "for (int i = 0; true; i++) {}", "for (; (true); ) {}",
                "for (int i = a ? 0 : 1; ; i++) {}", "for (Runnable r = () -> { go(); }; true; ) {}")) {
            assertThat(TypeOutline.of("class C { void m() { " + endless + " } }").names())
                    .as(endless).contains(TypeOutline.ENDLESS_LOOP);
        }
        for (String bounded : List.of("while (running) {}", "for (int i = 0; i < n; i++) {}", "for (String s : list) {}",
                "for (int i = f(a, b); i < 3; i++) {}",
                "for (int i = 0; true && i < n; i++) {}", "for (var e : a ? xs : ys) {}", "// while (true)\n", "String s = \"for (;;)\";")) {
            assertThat(TypeOutline.of("class C { void m() { " + bounded + " } }").names())
                    .as(bounded).doesNotContain(TypeOutline.ENDLESS_LOOP);
        }
    }
}
