package dev.lumen.launcher;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --store DIR|s3://BUCKET/PREFIX} of the trace and cache commands. Without it the store is the nearest
 * ancestor of the working directory holding {@code .lumen/} (or the working directory), as spec trace-v1.md §1
 * says; with a bucket, that directory is still the project's.
 */
final class StoreOption {
    /** What {@code --store} says, for every command that has it. */
    static final String DESCRIPTION = "The directory holding .lumen/ (traces, blobs, the tool cache), or "
            + "s3://BUCKET/PREFIX: a bucket shared by a team, reached as the AWS variables say.";

    @Option(names = "--store", paramLabel = "STORE", converter = Address.class,
            description = DESCRIPTION + " Default: the nearest .lumen/ above the working directory.")
    private String address;

    Store store() {
        return open(address, null);
    }

    /**
     * The store at {@code address}, for the project of {@code document}: with no address, the store found from
     * the document (from the working directory when {@code document} is null).
     */
    static Store open(String address, Path document) {
        Store near = document == null ? Store.locate(Host.current().directory()) : Store.forDocument(document);
        return address == null ? near : Store.named(address, near.root());
    }

    /** Refuses a malformed {@code s3://} address where the command line is read. */
    static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return Store.checkAddress(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
