package dev.threadguard.types;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

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
    void readsTheFieldsAndMethodsEachTypeDeclares() {
        TypeOutline outline = TypeOutline.of("""
                package com.acme;
                import java.util.concurrent.*;
                public abstract class Service<T> extends Base implements Runnable {
                    @Inject(optional = true) protected CountDownLatch started = new CountDownLatch(1), stopped;
                    private final java.util.Map<String, java.util.List<T>> byKey = new java.util.HashMap<String, T>();
                    static final Runnable NOTHING = () -> { int local = 1; };
                    private int count;
                    private String[] names;
                    Object anonymous = new Object() { CountDownLatch hidden; };
                    Service(int count) { this.count = count; }
                    @Override public void run() { }
                    public <V extends Comparable<V>> V max(java.util.List<? extends V> values, int limit) { return null; }
                    protected abstract void stop(String... reasons);
                    static { System.out.println("loaded"); }
                    class Inner { BlockingQueue<T> queue; void record() { } }
                    record Point(int x, int y) { }
                    enum Mode { FAST, SLOW(1) { void x() { } }; Mode() { } Mode(int speed) { } }
                }
                interface Api { void await() throws InterruptedException; default int size() { return 0; } }
                """);
        TypeOutline.Declaration service = outline.declarations().get(0);
        assertThat(service.fields()).containsOnly(entry("started", "CountDownLatch"),
                entry("stopped", "CountDownLatch"), entry("byKey", "java.util.Map"), entry("NOTHING", "Runnable"),
                entry("anonymous", "Object"));
        assertThat(service.declares("run", 0)).isEqualTo(TypeLookup.Declared.WITH_BODY);
        assertThat(service.declares("max", 2)).isEqualTo(TypeLookup.Declared.WITH_BODY);
        assertThat(service.declares("stop", 3)).as("variable arity").isEqualTo(TypeLookup.Declared.WITHOUT_BODY);
        assertThat(service.declares("Service", 1)).as("a constructor").isEqualTo(TypeLookup.Declared.NO);
        assertThat(service.declares("record", 0)).as("a method of Inner").isEqualTo(TypeLookup.Declared.NO);
        TypeOutline.Declaration inner = outline.declarations().get(1);
        assertThat(inner.qualifiedName()).isEqualTo("com.acme.Service.Inner");
        assertThat(inner.fields()).containsOnly(entry("queue", "BlockingQueue"));
        assertThat(inner.declares("record", 0)).isEqualTo(TypeLookup.Declared.WITH_BODY);
        TypeOutline.Declaration api = outline.declarations().get(outline.declarations().size() - 1);
        assertThat(api.declares("await", 0)).isEqualTo(TypeLookup.Declared.WITHOUT_BODY);
        assertThat(api.declares("size", 0)).isEqualTo(TypeLookup.Declared.WITH_BODY);
        assertThat(api.declares("size", 1)).isEqualTo(TypeLookup.Declared.NO);
    }

    @Test
    void recordsTheShapesOfTheCallsAFileMakes() {
        TypeOutline outline = TypeOutline.of("""
                class C {
                    void go(Gate gate, java.util.List<String> list) {
                        gate.await();
                        list.forEach(this::handle);
                        new Thread(() -> get(gate)).start();
                        if (list.isEmpty()) { }
                    }
                }
                """);
        assertThat(outline.calls().contains(TypeOutline.callShape("await", 0))).isTrue();
        assertThat(outline.calls().contains(TypeOutline.callShape("await", 1))).as("any call").isTrue();
        assertThat(outline.calls().contains(TypeOutline.callShape("forEach", 0))).isFalse();
        assertThat(outline.calls().contains(TypeOutline.callShape("get", 1))).isTrue();
        assertThat(outline.calls().contains(TypeOutline.callShape("get", 0))).isFalse();
        assertThat(outline.calls().contains(TypeOutline.referenceShape("handle"))).isTrue();
        assertThat(outline.calls().contains(TypeOutline.callShape("Thread", 1))).as("a constructor").isFalse();
        assertThat(outline.calls().contains(TypeOutline.callShape("if", 1))).isFalse();
    }

    @Test
    void projectIndexResolvesAFieldsTypeInTheFileThatDeclaresItAndKnowsSubtypes() {
        TypeOutline base = TypeOutline.of(
                "package a; import java.util.concurrent.CountDownLatch; public class Base { protected CountDownLatch ready; }");
        TypeOutline middle = TypeOutline.of("package b; public class Middle extends a.Base { }");
        TypeOutline leaf = TypeOutline.of("package b; class Leaf extends Middle { Object ready; }");
        ProjectIndex index = ProjectIndex.of(List.of(base, middle, leaf));
        assertThat(index.fieldType("a.Base", "ready")).contains("java.util.concurrent.CountDownLatch");
        assertThat(index.fieldType("b.Leaf", "ready")).contains("java.lang.Object");
        assertThat(index.fieldType("b.Middle", "ready")).as("declared by the type itself only").isEmpty();
        assertThat(index.subtypesOf("a.Base")).containsExactlyInAnyOrder("b.Middle", "b.Leaf");
        assertThat(index.typesWithFieldsOf(java.util.Set.of("java.util.concurrent.CountDownLatch")))
                .containsExactly("a.Base");
    }

    @Test
    void readsWhatTheStaticAccessorsWithoutParametersReturnAndTheIndexResolvesItInTheirFile() {
        TypeOutline helper = TypeOutline.of("""
                package a;
                import b.Registry;
                public class Helper {
                    private static final Helper INSTANCE = new Helper();
                    public static synchronized Helper getInstance() { return INSTANCE; }
                    @Deprecated static java.util.List<String> names() { return null; }
                    static Registry registry() { return null; }
                    static int count() { return 0; }
                    static <T> T any() { return null; }
                    static Helper of(String name) { return INSTANCE; }
                    Helper self() { return this; }
                    static native Helper nativeOne();
                    Helper() { }
                }
                """);
        TypeOutline registry = TypeOutline.of("package b; public class Registry { }");
        assertThat(helper.declarations().get(0).staticAccessors()).containsOnly(entry("getInstance", "Helper"),
                entry("names", "java.util.List"), entry("registry", "Registry"), entry("nativeOne", "Helper"));
        ProjectIndex index = ProjectIndex.of(List.of(helper, registry));
        assertThat(index.staticAccessorType("a.Helper", "getInstance")).contains("a.Helper");
        assertThat(index.staticAccessorType("a.Helper", "registry")).contains("b.Registry");
        assertThat(index.staticAccessorType("a.Helper", "self")).isEmpty();
        assertThat(index.staticAccessorType("b.Registry", "getInstance")).isEmpty();
    }

    @Test
    void readsWhichTypesAreEnumsAndTheirConstantsButNotTheirStaticFields() {
        TypeOutline states = TypeOutline.of("""
                package a;
                public interface Executor {
                    enum State {
                        @Deprecated NEW, RUNNING("run") {
                            @Override boolean live() { return true; }
                        },
                        SHUTDOWN(1, (2)), STOPPED,;
                        static final State ALIAS = RUNNING;
                        State() { }
                        State(Object... any) { }
                        boolean live() { return false; }
                    }
                    enum Empty { ; static final Empty NONE = null; }
                    enum Bare { ONLY }
                    class Holder { static final Object RUNNING = new Object(); }
                }
                """);
        assertThat(states.declarations()).extracting(TypeOutline.Declaration::qualifiedName,
                TypeOutline.Declaration::isEnum, TypeOutline.Declaration::enumConstants).containsExactly(
                tuple("a.Executor", false, List.of()),
                tuple("a.Executor.State", true, List.of("NEW", "RUNNING", "SHUTDOWN", "STOPPED")),
                tuple("a.Executor.Empty", true, List.of()),
                tuple("a.Executor.Bare", true, List.of("ONLY")),
                tuple("a.Executor.Holder", false, List.of()));
        ProjectIndex index = ProjectIndex.of(List.of(states));
        assertThat(index.enumConstants("a.Executor.State")).contains(List.of("NEW", "RUNNING", "SHUTDOWN", "STOPPED"));
        assertThat(index.enumConstants("a.Executor.Holder")).isEmpty();
        assertThat(index.enumConstants("b.Unknown")).isEmpty();
        assertThat(ProjectIndex.of(List.of(TypeOutline.of("package a; interface Executor { enum State { NEW, GONE } "
                + "enum Empty { } enum Bare { ONLY } class Holder { } }"))).fingerprint())
                .as("a change of an enum's constants changes the index's fingerprint")
                .isNotEqualTo(ProjectIndex.of(List.of(TypeOutline.of("package a; interface Executor { enum State { "
                        + "NEW, RUNNING } enum Empty { } enum Bare { ONLY } class Holder { } }"))).fingerprint());
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

    @Test
    void marksFilesThatMayHoldASuppressionWhenAsked() {
        Set<String> words = Set.of(TypeOutline.SUPPRESSION);
        for (String suppressed : List.of("@SuppressWarnings(\"threadguard\") class C { }",
                "@SuppressWarnings({\"unchecked\", \"threadguard:thread-in-loop\"}) class C { }",
                "class C { void m() { go(); // threadguard:ignore thread-in-loop\n } }")) {
            assertThat(TypeOutline.of(suppressed, words).names()).as(suppressed).contains(TypeOutline.SUPPRESSION);
            assertThat(TypeOutline.of(suppressed).names()).as(suppressed).doesNotContain(TypeOutline.SUPPRESSION);
        }
        for (String plain : List.of("@SuppressWarnings(\"unchecked\") class C { }",
                "package dev.threadguard.rules; class C { }")) {
            assertThat(TypeOutline.of(plain, words).names()).as(plain).doesNotContain(TypeOutline.SUPPRESSION);
        }
    }

    @Test
    void tellsFromTheTokensWhichMethodBodiesCatchEveryException() {
        TypeOutline outline = TypeOutline.of("""
                package a;
                abstract class Tasks {
                    private volatile boolean busy;
                    private static final java.util.logging.Logger LOG = null;
                    public void plain() { try { work(); } catch (Throwable t) { LOG.severe("x"); } }
                    public void withFinally() { try (java.io.Closeable c = open()) { work(); }
                        catch (java.io.IOException | RuntimeException e) { } catch (Exception e) { } finally { busy = false; } }
                    void guarded() {
                        if (!isRunning() || busy) return;
                        if (LOG.isDebugEnabled()) { LOG.fine("run"); return; }
                        boolean found = false;
                        long now = System.nanoTime();
                        State state = getState();
                        busy = true;
                        LOG.info("start " + now);
                        try { work(); } catch (final Exception e) { found = true; }
                    }
                    void locked() { synchronized (this) { try { work(); } catch (Throwable t) { } } }
                    void wrapped() { if (!busy) { busy = true; try { work(); } catch (Exception e) { } finally { busy = false; } } }
                    void callsFirst() { work(); try { work(); } catch (Throwable t) { } }
                    void narrow() { try { work(); } catch (IllegalStateException e) { } }
                    void unchecked() { try { work(); } catch (RuntimeException e) { } }
                    void uncheckedOrError() { try { work(); } catch (Error | RuntimeException e) { } }
                    void checked() throws java.io.IOException { try { work(); } catch (RuntimeException e) { } }
                    @lombok.SneakyThrows void sneaky() { try { work(); } catch (RuntimeException e) { } }
                    void after() { try { work(); } catch (Throwable t) { } work(); }
                    void createsFirst() { Object o = new Object(); try { work(); } catch (Throwable t) { } }
                    void argumentsInGuard() { if (check(busy)) return; try { work(); } catch (Throwable t) { } }
                    void withElse() { if (busy) { try { work(); } catch (Exception e) { } } else { work(); } }
                    void lockedAndMore() { synchronized (this) { try { work(); } catch (Throwable t) { } } work(); }
                    abstract void work();
                }
                """);
        TypeOutline.Declaration tasks = outline.declarations().get(0);
        assertThat(List.of("plain", "withFinally", "guarded", "locked", "wrapped", "unchecked", "uncheckedOrError"))
                .allMatch(name -> tasks.catchesEverything(name, 0));
        assertThat(List.of("callsFirst", "narrow", "checked", "sneaky", "after", "createsFirst", "argumentsInGuard", "withElse",
                "lockedAndMore", "work")).noneMatch(name -> tasks.catchesEverything(name, 0));
    }
}
