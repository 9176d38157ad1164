// The TextMate grammars of Lumen, written as code so that each regular expression is built from named parts
// and the vocabulary comes from the specification (spec.mjs). `node syntaxes/grammars.mjs OUT_DIR` writes:
//
//   lumen.tmLanguage.json           source.lumen: the code of a ```lumen block
//   lumen-document.tmLanguage.json  text.html.markdown.lumen: a .lm.md document, Markdown plus directive lines
//   lumen-fence.tmLanguage.json     an injection into Markdown that gives ```lumen blocks to source.lumen,
//                                   in .lm.md documents and in any other Markdown file
//
// Scope names follow the TextMate conventions that themes colour (keyword.control, storage.type,
// entity.name.function, …), each ending in `.lumen`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVocabulary } from './spec.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vocabulary = readVocabulary(join(here, '..', '..', '..', 'docs', 'spec', 'lumen-v1.md'));

// §3.6: letters of Unicode category L, digits of Nd; a quoted name is any text between backticks on one line.
const IDENT = '[\\p{L}_][\\p{L}\\p{Nd}_]*';
const QUOTED = '`[^`]+`';
const NAME = `(?:${IDENT}|${QUOTED})`;
const NOT_IDENT_BEFORE = '(?<![\\p{L}\\p{Nd}_])';
const NOT_IDENT_AFTER = '(?![\\p{L}\\p{Nd}_])';
const word = (alternatives) => `${NOT_IDENT_BEFORE}(?:${alternatives.join('|')})${NOT_IDENT_AFTER}`;
// Start of a line, or where the enclosing Markdown container (a block quote, a list item) left off.
const LINE_START = '(?:^|\\G)';
// §3.4: a line starting with one of these ends whatever bracket is still open on the lines above.
const STATEMENT_START = `${LINE_START}(?=[ \\t]*${word(['record', 'enum', 'cell', 'use', 'grant', 'let', 'return', 'if', 'for', 'match', 'halt'])})`;
// §3.12: an end line closes role text.
const END_LINE = `${LINE_START}(?=[ \\t]*end[ \\t,)\\]]*(?:#.*)?$)`;

// Every keyword of §3.7 gets a scope here; the build fails when the specification lists one this table lacks.
const KEYWORD_SCOPES = {
    if: 'keyword.control.if.lumen',
    else: 'keyword.control.else.lumen',
    for: 'keyword.control.for.lumen',
    match: 'keyword.control.match.lumen',
    return: 'keyword.control.return.lumen',
    halt: 'keyword.control.halt.lumen',
    end: 'keyword.control.end.lumen',
    record: 'storage.type.record.lumen',
    enum: 'storage.type.enum.lumen',
    cell: 'storage.type.cell.lumen',
    let: 'storage.type.let.lumen',
    mut: 'storage.modifier.mut.lumen',
    use: 'keyword.other.use.lumen',
    tool: 'keyword.other.tool.lumen',
    as: 'keyword.other.as.lumen',
    grant: 'keyword.other.grant.lumen',
    and: 'keyword.operator.logical.lumen',
    or: 'keyword.operator.logical.lumen',
    not: 'keyword.operator.logical.lumen',
    in: 'keyword.operator.in.lumen',
    true: 'constant.language.boolean.lumen',
    false: 'constant.language.boolean.lumen',
    null: 'constant.language.null.lumen',
    expect: 'keyword.other.expect.lumen',
    schema: 'keyword.other.schema.lumen',
    where: 'keyword.other.where.lumen',
    role: 'keyword.other.role.lumen',
};
// `role` and `tool` are names in expressions (§4.5); they are keywords only in the forms that need them.
const CONTEXTUAL_KEYWORDS = new Set(['role', 'tool']);

function checkKeywords() {
    const listed = new Set(vocabulary.keywords);
    const scoped = new Set(Object.keys(KEYWORD_SCOPES));
    const missing = [...listed].filter((k) => !scoped.has(k));
    const extra = [...scoped].filter((k) => !listed.has(k));
    if (missing.length > 0 || extra.length > 0) {
        throw new Error(`the grammar's keywords differ from docs/spec/lumen-v1.md §3.7: `
            + `not in the grammar [${missing.join(', ')}], not in the specification [${extra.join(', ')}]`);
    }
}

const comment = {
    match: '(#).*$',
    name: 'comment.line.number-sign.lumen',
    captures: { 1: { name: 'punctuation.definition.comment.lumen' } },
};

const interpolation = {
    begin: `\\{(?=[\\p{L}_])`,
    beginCaptures: { 0: { name: 'punctuation.section.interpolation.begin.lumen' } },
    end: '\\}|$',
    endCaptures: { 0: { name: 'punctuation.section.interpolation.end.lumen' } },
    name: 'meta.interpolation.lumen',
    contentName: 'meta.embedded.line.lumen',
    patterns: [{ include: '#expression' }],
};

const string = {
    begin: '"',
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.lumen' } },
    end: '"|$',
    endCaptures: { 0: { name: 'punctuation.definition.string.end.lumen' } },
    name: 'string.quoted.double.lumen',
    patterns: [
        { match: '\\\\(?:[ntr0"\\\\{}]|u\\{[0-9A-Fa-f]{1,6}\\})', name: 'constant.character.escape.lumen' },
        { match: '\\\\.?', name: 'invalid.illegal.escape.lumen' },
        { include: '#interpolation' },
    ],
};

// §3.12: `role NAME:` at the end of a line starts raw text that runs to the next end line.
const roleBlock = {
    begin: `${NOT_IDENT_BEFORE}(role)[ \\t]+(${IDENT})[ \\t]*(:)[ \\t]*((#).*)?$`,
    beginCaptures: {
        1: { name: 'keyword.other.role.lumen' },
        2: { name: 'variable.language.role.lumen' },
        3: { name: 'punctuation.separator.colon.lumen' },
        4: { name: 'comment.line.number-sign.lumen' },
        5: { name: 'punctuation.definition.comment.lumen' },
    },
    end: END_LINE,
    name: 'meta.role.lumen',
    contentName: 'string.unquoted.role-text.lumen',
    patterns: [
        { match: `${LINE_START}[ \\t]*(\\\\)(?=end)`, captures: { 1: { name: 'constant.character.escape.lumen' } } },
        { match: '\\\\[{}\\\\]', name: 'constant.character.escape.lumen' },
        { include: '#interpolation' },
    ],
};

const roleInline = {
    match: `${NOT_IDENT_BEFORE}(role)[ \\t]+(${IDENT})[ \\t]*(:)`,
    captures: {
        1: { name: 'keyword.other.role.lumen' },
        2: { name: 'variable.language.role.lumen' },
        3: { name: 'punctuation.separator.colon.lumen' },
    },
};

const numbers = [
    {
        match: `${NOT_IDENT_BEFORE}[0-9][0-9_]*(?:\\.[0-9][0-9_]*(?:[eE][+-]?[0-9][0-9_]*)?|[eE][+-]?[0-9][0-9_]*)${NOT_IDENT_AFTER}`,
        name: 'constant.numeric.float.lumen',
    },
    { match: `${NOT_IDENT_BEFORE}[0-9][0-9_]*${NOT_IDENT_AFTER}`, name: 'constant.numeric.integer.lumen' },
    { match: `${NOT_IDENT_BEFORE}[0-9][\\p{L}\\p{Nd}_.]*`, name: 'invalid.illegal.numeric.lumen' },
];

// Types (§4.4): the built-in ones from the specification, the container constructors, and declared names.
const types = [
    comment,
    {
        begin: '\\[',
        beginCaptures: { 0: { name: 'punctuation.definition.type-arguments.begin.lumen' } },
        end: '\\]',
        endCaptures: { 0: { name: 'punctuation.definition.type-arguments.end.lumen' } },
        patterns: [{ include: '#types' }],
    },
    { match: '\\|', name: 'keyword.operator.union.lumen' },
    { match: ',', name: 'punctuation.separator.comma.lumen' },
    { include: '#type-names' },
];

const typeNames = [
    { match: `${word(['list', 'map', 'result'])}(?=[ \\t]*\\[)`, name: 'support.type.container.lumen' },
    { match: word(vocabulary.primitiveTypes), name: 'support.type.primitive.lumen' },
    { match: word(vocabulary.builtinRecords), name: 'support.type.builtin.lumen' },
    { match: word(['null']), name: 'invalid.illegal.type.lumen' },
    { match: NOT_IDENT_BEFORE + IDENT, name: 'entity.name.type.lumen' },
];

// A type after `expect schema` or `schema` (§4.5): names, `|`, `[…]`, up to anything that cannot be in a type.
const schemaType = {
    begin: `${NOT_IDENT_BEFORE}(?:(expect)[ \\t]+)?(schema)${NOT_IDENT_AFTER}`,
    beginCaptures: { 1: { name: 'keyword.other.expect.lumen' }, 2: { name: 'keyword.other.schema.lumen' } },
    end: '(?=[^ \\t\\p{L}\\p{Nd}_|\\[])|$',
    patterns: [{ include: '#types' }],
};

// `let mut x: T = …`: a binding, with its type annotation up to the `=`.
const letBinding = [
    {
        begin: `${NOT_IDENT_BEFORE}(let)(?:[ \\t]+(mut)${NOT_IDENT_AFTER})?[ \\t]+(${IDENT})[ \\t]*(:)`,
        beginCaptures: {
            1: { name: 'storage.type.let.lumen' },
            2: { name: 'storage.modifier.mut.lumen' },
            3: { name: 'variable.other.declaration.lumen' },
            4: { name: 'punctuation.separator.colon.lumen' },
        },
        end: '(?==)|(?=#)|$',
        patterns: [{ include: '#types' }],
    },
    {
        match: `${NOT_IDENT_BEFORE}(let)(?:[ \\t]+(mut)${NOT_IDENT_AFTER})?(?:[ \\t]+(${IDENT}))?`,
        captures: {
            1: { name: 'storage.type.let.lumen' },
            2: { name: 'storage.modifier.mut.lumen' },
            3: { name: 'variable.other.declaration.lumen' },
        },
    },
];

const fieldAccess = [
    {
        // `Alias.tool(…)`, an MCP call (§12.5)
        match: `(\\.)[ \\t]*(${NAME})(?=[ \\t]*\\()`,
        captures: { 1: { name: 'punctuation.accessor.lumen' }, 2: { name: 'entity.name.function.lumen' } },
    },
    {
        match: `(\\.)[ \\t]*(${NAME})`,
        captures: { 1: { name: 'punctuation.accessor.lumen' }, 2: { name: 'variable.other.property.lumen' } },
    },
];

// `Enum.Variant` (§6.5): an upper-case name before a dot, not a call.
const enumVariant = {
    // the whole name before the check for `(`: else `Alias.echo(` would be the variant `ech`
    match: `${NOT_IDENT_BEFORE}(\\p{Lu}[\\p{L}\\p{Nd}_]*)[ \\t]*(\\.)[ \\t]*(${IDENT})${NOT_IDENT_AFTER}(?![ \\t]*\\()`,
    captures: {
        1: { name: 'entity.name.type.enum.lumen' },
        2: { name: 'punctuation.accessor.lumen' },
        3: { name: 'variable.other.enummember.lumen' },
    },
};

const keywords = Object.entries(KEYWORD_SCOPES)
    .filter(([keyword]) => !CONTEXTUAL_KEYWORDS.has(keyword))
    .map(([keyword, scope]) => ({ match: word([keyword]), name: scope }));

const calls = [
    { match: `${word(vocabulary.intrinsics)}(?=[ \\t]*\\()`, name: 'support.function.builtin.lumen' },
    { match: `${word(['ok', 'err'])}(?=[ \\t]*\\()`, name: 'support.function.result.lumen' },
    { match: `${NOT_IDENT_BEFORE}${IDENT}(?=[ \\t]*\\()`, name: 'entity.name.function.lumen' },
];

// `name: value` in a call, `field: value` in a record literal.
const labelled = (scope) => ({
    match: `(?<![\\p{L}\\p{Nd}_.\`])(${NAME})[ \\t]*(:)`,
    captures: { 1: { name: scope }, 2: { name: 'punctuation.separator.colon.lumen' } },
});

const bracketed = (open, close, scope, extra = []) => ({
    begin: open,
    beginCaptures: { 0: { name: `punctuation.section.${scope}.begin.lumen` } },
    end: `${close}|${STATEMENT_START}`,
    endCaptures: { 0: { name: `punctuation.section.${scope}.end.lumen` } },
    name: `meta.${scope}.lumen`,
    patterns: [...extra, { include: '#expression' }],
});

const recordLiteral = {
    begin: `${NOT_IDENT_BEFORE}(${IDENT})[ \\t]*(\\{)`,
    beginCaptures: {
        1: { name: 'entity.name.type.lumen' },
        2: { name: 'punctuation.section.braces.begin.lumen' },
    },
    end: `\\}|${STATEMENT_START}`,
    endCaptures: { 0: { name: 'punctuation.section.braces.end.lumen' } },
    name: 'meta.record-literal.lumen',
    patterns: [labelled('variable.other.property.lumen'), { include: '#expression' }],
};

// §8.11: `@parallel` and `@end`, each alone on its line, open and close a parallel block; `@` anywhere else in
// code is an error (below).
const parallelLine = {
    match: `${LINE_START}[ \\t]*((@)(?:parallel|end))${NOT_IDENT_AFTER}(?=[ \\t]*(?:#.*)?$)`,
    captures: { 1: { name: 'keyword.control.parallel.lumen' }, 2: { name: 'punctuation.definition.keyword.lumen' } },
};

const operators = [
    parallelLine,
    { match: '->', name: 'keyword.operator.arrow.lumen' },
    { match: '==|!=|<=|>=|<|>', name: 'keyword.operator.comparison.lumen' },
    { match: '[-+*/%]=', name: 'invalid.illegal.compound-assignment.lumen' },
    { match: '=', name: 'keyword.operator.assignment.lumen' },
    { match: '[-+*/%]', name: 'keyword.operator.arithmetic.lumen' },
    { match: '\\|\\||&&|[&;\'!]', name: 'invalid.illegal.character.lumen' },
    { match: '\\|', name: 'keyword.operator.union.lumen' },
    { match: `@(?:${IDENT})?`, name: 'invalid.illegal.directive.lumen' },
    { match: ',', name: 'punctuation.separator.comma.lumen' },
    { match: ':', name: 'punctuation.separator.colon.lumen' },
    { match: '\\.', name: 'punctuation.accessor.lumen' },
];

const names = [
    { match: word(['_']), name: 'variable.language.wildcard.lumen' },
    { include: '#type-names-in-code' },
    { match: QUOTED, name: 'variable.other.quoted.lumen' },
    { match: '`', name: 'invalid.illegal.backtick.lumen' },
    { match: NOT_IDENT_BEFORE + IDENT, name: 'variable.other.lumen' },
];

// In code, a built-in type or an upper-case name is a type (a record literal, a variant's enum, `T` in a
// typed pattern); other names are values.
const typeNamesInCode = [
    { match: word(vocabulary.primitiveTypes), name: 'support.type.primitive.lumen' },
    { match: word(vocabulary.builtinRecords), name: 'support.type.builtin.lumen' },
    { match: `${word(['list', 'map', 'result'])}(?=[ \\t]*\\[)`, name: 'support.type.container.lumen' },
    { match: `${NOT_IDENT_BEFORE}\\p{Lu}[\\p{L}\\p{Nd}_]*`, name: 'entity.name.type.lumen' },
];

// Declarations (§4.2).
const declarationEnd = {
    end: `${LINE_START}[ \\t]*(end)${NOT_IDENT_AFTER}|${LINE_START}(?=[ \\t]*${word(['record', 'enum', 'cell', 'use', 'grant'])})`,
    endCaptures: { 1: { name: 'keyword.control.end.lumen' } },
};

const record = {
    begin: `${NOT_IDENT_BEFORE}(record)(?:[ \\t]+(${IDENT}))?`,
    beginCaptures: { 1: { name: 'storage.type.record.lumen' }, 2: { name: 'entity.name.type.record.lumen' } },
    ...declarationEnd,
    name: 'meta.record.lumen',
    patterns: [
        comment,
        {
            begin: `${LINE_START}[ \\t]*(?!end${NOT_IDENT_AFTER})(${NAME})[ \\t]*(:)`,
            beginCaptures: {
                1: { name: 'variable.other.property.declaration.lumen' },
                2: { name: 'punctuation.separator.colon.lumen' },
            },
            end: `(?=${word(['where'])}|#)|$`,
            name: 'meta.field.lumen',
            patterns: [{ include: '#types' }],
        },
        {
            begin: word(['where']),
            beginCaptures: { 0: { name: 'keyword.other.where.lumen' } },
            end: '(?=#)|$',
            name: 'meta.where.lumen',
            patterns: [{ include: '#expression' }],
        },
        { include: '#expression' },
    ],
};

const enumeration = {
    begin: `${NOT_IDENT_BEFORE}(enum)(?:[ \\t]+(${IDENT}))?`,
    beginCaptures: { 1: { name: 'storage.type.enum.lumen' }, 2: { name: 'entity.name.type.enum.lumen' } },
    ...declarationEnd,
    name: 'meta.enum.lumen',
    patterns: [
        comment,
        { match: ',', name: 'punctuation.separator.comma.lumen' },
        { match: NOT_IDENT_BEFORE + IDENT, name: 'variable.other.enummember.lumen' },
    ],
};

// The header of a cell: its name, parameters and return type. The body is ordinary code.
const cellHeader = {
    begin: `${NOT_IDENT_BEFORE}(cell)(?:[ \\t]+(${IDENT}))?`,
    beginCaptures: { 1: { name: 'storage.type.cell.lumen' }, 2: { name: 'entity.name.function.lumen' } },
    end: '(?=#)|$',
    name: 'meta.cell.header.lumen',
    patterns: [
        {
            begin: '\\(',
            beginCaptures: { 0: { name: 'punctuation.section.parameters.begin.lumen' } },
            end: `\\)|${STATEMENT_START}`,
            endCaptures: { 0: { name: 'punctuation.section.parameters.end.lumen' } },
            name: 'meta.parameters.lumen',
            patterns: [
                comment,
                {
                    begin: `(${IDENT})[ \\t]*(:)`,
                    beginCaptures: {
                        1: { name: 'variable.parameter.lumen' },
                        2: { name: 'punctuation.separator.colon.lumen' },
                    },
                    end: '(?=[,)#])|$',
                    patterns: [{ include: '#types' }],
                },
                { match: ',', name: 'punctuation.separator.comma.lumen' },
            ],
        },
        {
            begin: '->',
            beginCaptures: { 0: { name: 'keyword.operator.arrow.lumen' } },
            end: '(?=#)|$',
            patterns: [{ include: '#types' }],
        },
    ],
};

const toolId = `${NAME}(?:[ \\t]*\\.[ \\t]*${NAME})*`;

// `use tool ID as Alias`, `use tool mcp "ADDRESS" as Alias` (§12.1).
const useTool = {
    begin: `${NOT_IDENT_BEFORE}(use)(?:[ \\t]+(tool)${NOT_IDENT_AFTER})?`,
    beginCaptures: { 1: { name: 'keyword.other.use.lumen' }, 2: { name: 'keyword.other.tool.lumen' } },
    end: '(?=#)|$',
    name: 'meta.use.lumen',
    patterns: [
        { match: `${word(['mcp'])}(?=[ \\t]*")`, name: 'keyword.other.mcp.lumen' },
        { include: '#string' },
        {
            match: `${word(['as'])}(?:[ \\t]+(${IDENT}))?`,
            captures: { 0: { name: 'keyword.other.as.lumen' }, 1: { name: 'entity.name.type.tool.lumen' } },
        },
        { match: NOT_IDENT_BEFORE + toolId, name: 'entity.name.namespace.tool-id.lumen' },
    ],
};

// `grant Alias[.tool] clause value …`, continued on following lines indented deeper than `grant` (§4.2, §12.7).
const grant = {
    begin: `${LINE_START}([ \\t]*)(grant)${NOT_IDENT_AFTER}(?:[ \\t]+(${IDENT})((?:[ \\t]*\\.[ \\t]*${NAME})*))?`,
    beginCaptures: {
        2: { name: 'keyword.other.grant.lumen' },
        3: { name: 'entity.name.type.tool.lumen' },
        4: {
            patterns: [
                { match: '\\.', name: 'punctuation.accessor.lumen' },
                { match: NAME, name: 'entity.name.function.tool.lumen' },
            ],
        },
    },
    while: `${LINE_START}(?=\\1[ \\t]+[\\p{L}_#]|[ \\t]*$)`,
    name: 'meta.grant.lumen',
    patterns: [
        comment,
        { include: '#string' },
        ...numbers,
        { match: word(['true', 'false']), name: 'constant.language.boolean.lumen' },
        { match: `${NOT_IDENT_BEFORE}per_[\\p{L}\\p{Nd}_]*`, name: 'support.constant.unit.lumen' },
        { match: '-', name: 'keyword.operator.arithmetic.lumen' },
        { match: NOT_IDENT_BEFORE + IDENT, name: 'entity.other.attribute-name.grant-clause.lumen' },
    ],
};

const expression = [
    comment,
    { include: '#role' },
    { include: '#string' },
    ...numbers,
    schemaType,
    ...letBinding,
    ...fieldAccess,
    enumVariant,
    recordLiteral,
    ...keywords,
    ...calls,
    bracketed('\\(', '\\)', 'parens', [labelled('variable.parameter.named.lumen')]),
    bracketed('\\[', '\\]', 'brackets'),
    bracketed('\\{', '\\}', 'braces'),
    ...operators,
    ...names,
];

function lumenGrammar() {
    checkKeywords();
    return {
        $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
        name: 'Lumen',
        scopeName: 'source.lumen',
        patterns: [{ include: '#declaration' }, { include: '#expression' }],
        repository: {
            declaration: { patterns: [comment, record, enumeration, cellHeader, useTool, grant] },
            expression: { patterns: expression },
            role: { patterns: [roleBlock, roleInline] },
            string,
            interpolation,
            types: { patterns: types },
            'type-names': { patterns: typeNames },
            'type-names-in-code': { patterns: typeNamesInCode },
        },
    };
}

// §2: a directive is a line starting with `@` and a letter, outside code and HTML blocks. Names the
// specification does not list are marked as errors (E0010).
// Code blocks, comments and front matter, where a line is never a directive.
const NOT_PROSE = 'markup.fenced_code | markup.raw | comment | meta.embedded';

// CommonMark's HTML blocks of type 6, which run to a blank line and may interrupt a paragraph: a line
// starting with `@` inside one is not a directive. VS Code's Markdown grammar gives them no scope of their own.
const HTML_BLOCK_TAGS = ['address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption',
    'center', 'col', 'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
    'figure', 'footer', 'form', 'frame', 'frameset', 'h[1-6]', 'head', 'header', 'hr', 'html', 'iframe',
    'legend', 'li', 'link', 'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p',
    'param', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr',
    'track', 'ul'];
const htmlBlock = {
    begin: `(?i)(^|\\G)[ ]{0,3}(?=</?(?:${HTML_BLOCK_TAGS.join('|')})(?:[ \\t>]|/>|$))`,
    while: '^(?![ \\t]*$)',
    name: 'meta.html-block.lumen',
    patterns: [{ include: 'text.html.derivative' }],
};

function documentGrammar() {
    const argument = [
        { match: '"[^"]*"?', name: 'string.quoted.double.lumen' },
        { match: `${NOT_IDENT_BEFORE}[0-9]+${NOT_IDENT_AFTER}`, name: 'constant.numeric.integer.lumen' },
        { match: NOT_IDENT_BEFORE + IDENT, name: 'constant.language.directive-value.lumen' },
    ];
    return {
        $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
        name: 'Lumen document',
        scopeName: 'text.html.markdown.lumen',
        patterns: [{ include: 'text.html.markdown' }],
        injections: {
            [`L:text.html.markdown.lumen - (${NOT_PROSE} | meta.html-block.lumen)`]: {
                patterns: [
                    htmlBlock,
                    {
                        match: `^((@)(?:${vocabulary.directives.join('|')}))(?![A-Za-z0-9_])(.*)$`,
                        name: 'meta.directive.lumen',
                        captures: {
                            1: { name: 'keyword.control.directive.lumen' },
                            2: { name: 'punctuation.definition.directive.lumen' },
                            3: { patterns: argument },
                        },
                    },
                    {
                        match: '^(@[A-Za-z][A-Za-z0-9_]*)(.*)$',
                        name: 'meta.directive.lumen',
                        captures: { 1: { name: 'invalid.illegal.unknown-directive.lumen' }, 2: { patterns: argument } },
                    },
                ],
            },
        },
    };
}

// §1.2: a fenced block whose info string's first word is exactly `lumen`, with backticks or tildes.
// The shape is that of the fenced blocks of VS Code's own Markdown grammar, so nesting in lists and quotes works.
function fenceGrammar() {
    return {
        $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
        scopeName: 'markdown.lumen.codeblock',
        injectionSelector: 'L:text.html.markdown - (markup.fenced_code | markup.raw | comment)',
        patterns: [{ include: '#lumen-code-block' }],
        repository: {
            'lumen-code-block': {
                begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(lumen)((?:\\s+[^`]*)?)$',
                beginCaptures: {
                    3: { name: 'punctuation.definition.markdown' },
                    4: { name: 'fenced_code.block.language.markdown' },
                    5: { name: 'fenced_code.block.language.attributes.markdown' },
                },
                end: '(^|\\G)(\\2|\\s{0,3})(\\3[`~]*)\\s*$',
                endCaptures: { 3: { name: 'punctuation.definition.markdown' } },
                name: 'markup.fenced_code.block.markdown',
                patterns: [
                    {
                        begin: '(^|\\G)(\\s*)(.*)',
                        while: '(^|\\G)(?!\\s*([`~]{3,})\\s*$)',
                        contentName: 'meta.embedded.block.lumen',
                        patterns: [{ include: 'source.lumen' }],
                    },
                ],
            },
        },
    };
}

const outDir = process.argv[2];
if (!outDir) {
    console.error('usage: node syntaxes/grammars.mjs OUT_DIR');
    process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const write = (file, grammar) => writeFileSync(join(outDir, file), `${JSON.stringify(grammar, null, 2)}\n`);
write('lumen.tmLanguage.json', lumenGrammar());
write('lumen-document.tmLanguage.json', documentGrammar());
write('lumen-fence.tmLanguage.json', fenceGrammar());
