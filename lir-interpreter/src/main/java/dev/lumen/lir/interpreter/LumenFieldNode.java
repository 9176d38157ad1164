package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.dsl.GenerateInline;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.lumen.lir.values.LumenType;

/**
 * One field of a record read from a host's object by its name, a constant of the compiled code: as a readable
 * member that is not executable (a JavaScript object's property, a {@code ProxyObject}'s member, a public
 * field), else through a method with no arguments (a Java record's accessor {@code x()}, a getter
 * {@code getX()} or {@code isX()}), as {@link LumenImport} reads it; its value converted by a node for the
 * field's type, created when the first value comes.
 */
final class LumenFieldNode extends Node {
    /** What {@link #data} answers for a field the object has not as a readable, non-executable member. */
    static final Object NOT_DATA = new Object();

    final String name;
    final boolean nullable;
    private final LumenType type;
    private final int depth;
    @Child private DataNode data;
    @Child private AccessorNode accessor;
    @Child private LumenValueNode convert;

    LumenFieldNode(String name, LumenType type, int depth) {
        this.name = name;
        this.type = type;
        this.depth = depth;
        this.nullable = type.isInstance(dev.lumen.lir.values.LumenNull.INSTANCE);
        this.data = LumenFieldNodeFactory.DataNodeGen.create(name);
    }

    /** The member's value, {@link #NOT_DATA}, or {@link LumenValueNode#FAILED} if it cannot be read. */
    Object data(Object object) {
        return data.execute(object);
    }

    /** The value of the field's accessor or getter, null when the object has none. */
    Object accessor(Object object) {
        if (accessor == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            accessor = insert(LumenFieldNodeFactory.AccessorNodeGen.create(LumenImport.accessors(name)));
        }
        return accessor.execute(object);
    }

    /** The Lumen value of the field's host value, or {@link LumenValueNode#FAILED}. */
    Object convert(Object value) {
        if (convert == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            convert = insert(LumenValueNode.create(type, depth));
        }
        return convert.execute(value);
    }

    @GenerateInline(false)
    abstract static class DataNode extends Node {
        final String name;

        DataNode(String name) {
            this.name = name;
        }

        abstract Object execute(Object object);

        @Specialization(limit = "3")
        Object read(Object object, @CachedLibrary("object") InteropLibrary objects,
                @CachedLibrary(limit = "3") InteropLibrary values) {
            if (!objects.isMemberReadable(object, name)) {
                return NOT_DATA;
            }
            try {
                Object value = objects.readMember(object, name);
                return values.isExecutable(value) ? NOT_DATA : value;
            } catch (InteropException e) {
                return LumenValueNode.FAILED;
            }
        }
    }

    @GenerateInline(false)
    abstract static class AccessorNode extends Node {
        @CompilationFinal(dimensions = 1) final String[] methods;

        AccessorNode(String[] methods) {
            this.methods = methods;
        }

        abstract Object execute(Object object);

        @Specialization(limit = "3")
        @ExplodeLoop
        Object invoke(Object object, @CachedLibrary("object") InteropLibrary objects) {
            for (String method : methods) {
                if (objects.isMemberInvocable(object, method)) {
                    try {
                        return objects.invokeMember(object, method);
                    } catch (ArityException e) {
                        // a method of that name that takes arguments is not an accessor
                    } catch (InteropException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }
}
