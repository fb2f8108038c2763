package dev.threadguard.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Renames a self-contained class: its own name wherever it refers to itself (field and method owners, class
 * constants, frames). Enough for {@code ThreadHook}, which refers to no other class of the agent.
 */
final class ClassRenamer {

    private ClassRenamer() {
    }

    static byte[] rename(byte[] classFile, String from, String to) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(version, access, map(name), signature, superName, interfaces);
            }

            @Override
            public void visitSource(String source, String debug) {
                super.visitSource(source, debug);
            }

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                if (!name.equals(from) && !from.equals(outerName)) {
                    super.visitInnerClass(name, outerName, innerName, access);
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9,
                        super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
                        super.visitFieldInsn(opcode, map(owner), fieldName, fieldDescriptor);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
                            boolean isInterface) {
                        super.visitMethodInsn(opcode, map(owner), methodName, methodDescriptor, isInterface);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        super.visitTypeInsn(opcode, map(type));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                            value = Type.getObjectType(map(type.getInternalName()));
                        }
                        super.visitLdcInsn(value);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                            Object... arguments) {
                        throw new IllegalStateException(from + " must not use invokedynamic (lambdas, string "
                                + "concatenation): it is renamed into java.base");
                    }

                    @Override
                    public void visitLocalVariable(String name, String descriptor, String signature,
                            org.objectweb.asm.Label start, org.objectweb.asm.Label end, int index) {
                        super.visitLocalVariable(name, mapDescriptor(descriptor), signature, start, end, index);
                    }

                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        super.visitFrame(type, numLocal, mapAll(local), numStack, mapAll(stack));
                    }
                };
            }

            private String mapDescriptor(String descriptor) {
                return descriptor.replace("L" + from + ";", "L" + to + ";");
            }

            private String map(String name) {
                return from.equals(name) ? to : name;
            }

            private Object[] mapAll(Object[] types) {
                if (types == null) {
                    return null;
                }
                Object[] mapped = types.clone();
                for (int i = 0; i < mapped.length; i++) {
                    if (mapped[i] instanceof String name) {
                        mapped[i] = map(name);
                    }
                }
                return mapped;
            }
        }, 0);
        return writer.toByteArray();
    }
}
