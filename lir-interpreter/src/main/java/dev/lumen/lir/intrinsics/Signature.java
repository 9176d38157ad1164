package dev.lumen.lir.intrinsics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter and result types of an intrinsic, as the language documents them:
 * {@code length(value: String | Bytes | list[T] | map[String, T]) -> Int}.
 *
 * <p>A signature has one or more {@link Form forms} of the same arity; an intrinsic with several
 * ({@code count(list: list[T], item: T) -> Int, or count(text: String, part: String) -> Int}) picks the one
 * whose first parameter its first argument fits. A parameter written {@code A | B} is a <em>choice</em>, not a
 * union type: the argument must have one of those types. The first argument decides: the choices of a form
 * are correlated, so in {@code min(a: Int | Float, b: Int | Float) -> Int | Float} the second argument and the
 * result have the type the first one chose (rendered with "(both the same type)"). A type variable stands for
 * the type of what the first argument matched it to. {@code schema T} is a parameter whose argument is a type
 * ({@code validate}); a choice after it is the argument's own.
 */
public record Signature(String name, List<Form> forms) {

    public Signature {
        forms = List.copyOf(forms);
        check(name, forms);
    }

    /** One parameter: its name, and the types its argument may have (several for a choice). */
    public record Param(String name, List<TypeTerm> choices, boolean schema) {
        public Param {
            choices = List.copyOf(choices);
        }

        public boolean isChoice() {
            return choices.size() > 1;
        }

        /** Whether the argument's type depends on what the first argument chose or matched. */
        public boolean dependsOnFirst() {
            return isChoice() || choices.stream().anyMatch(TypeTerm::hasVariable);
        }

        @Override
        public String toString() {
            return schema ? "schema " + choices.get(0) : name + ": " + alternatives(choices);
        }
    }

    /** {@code (params) -> result}; a result with several types is the one the first argument chose. */
    public record Form(List<Param> params, List<TypeTerm> result) {
        public Form {
            params = List.copyOf(params);
            result = List.copyOf(result);
        }

        /** The result type for the alternative {@code choice} of the first argument (0 when there is none). */
        public TypeTerm result(int choice) {
            return result.size() == 1 ? result.get(0) : result.get(choice);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < params.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(params.get(i));
            }
            b.append(") -> ").append(alternatives(result));
            long correlated = params.stream().filter(Param::isChoice).count();
            if (correlated > 1) {
                b.append(correlated == 2 ? " (both the same type)" : " (all the same type)");
            }
            return b.toString();
        }
    }

    /**
     * Parses the forms of {@code name}'s signature, each written {@code (name: Type, …) -> Type} without the
     * intrinsic's name; throws IllegalArgumentException when one is malformed.
     */
    public static Signature parse(String name, String... forms) {
        List<Form> parsed = new ArrayList<>();
        for (String form : forms) {
            parsed.add(new Parser(form).form());
        }
        return new Signature(name, parsed);
    }

    /** How many arguments the intrinsic takes. */
    public int arity() {
        return forms.get(0).params().size();
    }

    /** The signature as diagnostics and the documentation show it: each form after the name, joined by ", or". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Form f : forms) {
            b.append(b.isEmpty() ? "" : ", or ").append(name).append(f);
        }
        return b.toString();
    }

    private static String alternatives(List<TypeTerm> terms) {
        StringBuilder b = new StringBuilder();
        for (TypeTerm t : terms) {
            b.append(b.isEmpty() ? "" : " | ").append(t);
        }
        return b.toString();
    }

    /** What the checker and the verifier rely on: the first argument decides everything that varies. */
    private static void check(String name, List<Form> forms) {
        if (forms.isEmpty()) {
            throw new IllegalArgumentException(name + ": a signature has at least one form");
        }
        for (Form f : forms) {
            if (f.params().size() != forms.get(0).params().size()) {
                throw new IllegalArgumentException(name + ": every form takes the same number of arguments");
            }
            if (forms.size() > 1 && (f.params().isEmpty() || f.params().get(0).isChoice())) {
                throw new IllegalArgumentException(name + ": the forms are told apart by one type of the first argument");
            }
            int choices = f.params().isEmpty() ? 1 : f.params().get(0).choices().size();
            // after a schema (validate) a choice is the argument's own, not one the first argument made
            boolean correlated = f.params().isEmpty() || !f.params().get(0).schema();
            Set<String> bound = new HashSet<>();
            for (int i = 0; i < f.params().size(); i++) {
                Param p = f.params().get(i);
                if (p.schema() && i > 0) {
                    throw new IllegalArgumentException(name + ": only the first parameter may be a schema");
                }
                if (p.isChoice() && correlated && p.choices().size() != choices) {
                    throw new IllegalArgumentException(name + ": parameter `" + p.name()
                            + "` must choose among as many types as the first one");
                }
                for (TypeTerm t : p.choices()) {
                    if (i == 0) {
                        variables(t, bound);
                    } else {
                        requireBound(name, t, bound);
                    }
                }
            }
            if (f.result().size() > 1 && f.result().size() != choices) {
                throw new IllegalArgumentException(name + ": the result must choose among as many types as the first parameter");
            }
            f.result().forEach(t -> requireBound(name, t, bound));
        }
    }

    private static void variables(TypeTerm t, Set<String> into) {
        switch (t) {
            case TypeTerm.Variable v -> into.add(v.name());
            case TypeTerm.ListOf l -> variables(l.element(), into);
            case TypeTerm.MapOf m -> variables(m.value(), into);
            case TypeTerm.ResultOf r -> {
                variables(r.ok(), into);
                variables(r.err(), into);
            }
            case TypeTerm.Named n -> {
            }
        }
    }

    private static void requireBound(String name, TypeTerm t, Set<String> bound) {
        Set<String> used = new HashSet<>();
        variables(t, used);
        if (!bound.containsAll(used)) {
            throw new IllegalArgumentException(name + ": type variable of `" + t + "` is not in the first parameter");
        }
    }

    /** A recursive-descent reader of one form. */
    private static final class Parser {
        private static final Pattern TOKEN = Pattern.compile("\\s*(->|[A-Za-z_][A-Za-z_0-9]*|[()\\[\\],:|])");
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private int next;

        Parser(String text) {
            this.text = text;
            Matcher m = TOKEN.matcher(text);
            int at = 0;
            while (at < text.length()) {
                if (!m.find(at) || m.start() != at) {
                    if (text.substring(at).isBlank()) {
                        break;
                    }
                    throw fail("unexpected text at " + at);
                }
                tokens.add(m.group(1));
                at = m.end();
            }
        }

        Form form() {
            expect("(");
            List<Param> params = new ArrayList<>();
            if (!peek(")")) {
                do {
                    params.add(param());
                } while (accept(","));
            }
            expect(")");
            expect("->");
            List<TypeTerm> result = choices();
            if (next != tokens.size()) {
                throw fail("unexpected `" + tokens.get(next) + "`");
            }
            return new Form(params, result);
        }

        private Param param() {
            String name = identifier();
            if (name.equals("schema") && !peek(":")) {
                return new Param(name, List.of(term()), true);
            }
            expect(":");
            return new Param(name, choices(), false);
        }

        private List<TypeTerm> choices() {
            List<TypeTerm> terms = new ArrayList<>();
            do {
                terms.add(term());
            } while (accept("|"));
            return terms;
        }

        private TypeTerm term() {
            String name = identifier();
            switch (name) {
                case "list" -> {
                    expect("[");
                    TypeTerm element = term();
                    expect("]");
                    return new TypeTerm.ListOf(element);
                }
                case "map" -> {
                    expect("[");
                    expect("String");
                    expect(",");
                    TypeTerm value = term();
                    expect("]");
                    return new TypeTerm.MapOf(value);
                }
                case "result" -> {
                    expect("[");
                    TypeTerm ok = term();
                    expect(",");
                    TypeTerm err = term();
                    expect("]");
                    return new TypeTerm.ResultOf(ok, err);
                }
                default -> {
                    if (name.length() == 1 && Character.isUpperCase(name.charAt(0))) {
                        return new TypeTerm.Variable(name);
                    }
                    if (!TypeTerm.NAMES.contains(name)) {
                        throw fail("unknown type `" + name + "`");
                    }
                    return new TypeTerm.Named(name);
                }
            }
        }

        private String identifier() {
            if (next >= tokens.size() || !Character.isLetter(tokens.get(next).charAt(0))) {
                throw fail("expected a name");
            }
            return tokens.get(next++);
        }

        private boolean peek(String token) {
            return next < tokens.size() && tokens.get(next).equals(token);
        }

        private boolean accept(String token) {
            if (peek(token)) {
                next++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw fail("expected `" + token + "`");
            }
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException("malformed signature `" + text + "`: " + why);
        }
    }
}
