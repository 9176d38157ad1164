package dev.lumen.lir.errors;

/** A node that knows its place in the document (a call site), for Lumen stack traces. */
public interface LumenLocated {
    LumenLocation lumenLocation();
}
