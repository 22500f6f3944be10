/**
 * GitLab's CI/CD variable expressions (`rules:if`, `only/except: variables:`), read as GitLab reads
 * them (lib/gitlab/ci/pipeline/expression): its lexemes tried in its order at each position, then
 * its shunting-yard parser. An expression is refused only when GitLab's own algorithm refuses it
 * (GitLab accepts a few odd forms, `$A $B ==` among them, so they pass here too); what was expected
 * is then told by a strict reading of the usual infix form.
 */

import { errorMessage } from '../../errors';

type Kind = 'open' | 'close' | 'value' | 'operator';

interface Token {
  readonly kind: Kind;
  readonly text: string;
  readonly offset: number;
  /** Operators: GitLab's precedence (lower binds tighter). */
  readonly precedence: number;
}

interface Lexeme {
  readonly kind: Kind;
  readonly pattern: RegExp;
  readonly precedence: number;
}

// GitLab's LEXEMES in its order, each anchored at the current position: StringScanner#scan reads the rest as a string of its own.
const LEXEMES: readonly Lexeme[] = [
  { kind: 'open', pattern: /^\(/, precedence: 901 },
  { kind: 'close', pattern: /^\)/, precedence: 900 },
  { kind: 'value', pattern: /^\$\[\[\s*inputs\.\w+\s*\]\]/, precedence: 0 },
  { kind: 'value', pattern: /^\$\w+/, precedence: 0 },
  { kind: 'value', pattern: /^(?:"[^\n]*?"|'[^\n]*?')/, precedence: 0 },
  { kind: 'value', pattern: /^\/([^/]|\\\/)+[^\\]\/[ismU]*/, precedence: 0 },
  { kind: 'value', pattern: /^null/, precedence: 0 },
  { kind: 'value', pattern: /^\b(?:true|false)\b/, precedence: 0 },
  { kind: 'operator', pattern: /^==/, precedence: 10 },
  { kind: 'operator', pattern: /^=~/, precedence: 10 },
  { kind: 'operator', pattern: /^!=/, precedence: 10 },
  { kind: 'operator', pattern: /^!~/, precedence: 10 },
  { kind: 'operator', pattern: /^&&/, precedence: 11 },
  { kind: 'operator', pattern: /^\|\|/, precedence: 12 },
];

/** GitLab stops reading an expression at this many tokens. */
export const MAX_EXPRESSION_TOKENS = 100;

export interface ExpressionProblem {
  /** What is wrong, in plain words ("expected a value after '=='"). */
  readonly message: string;
  /** Where in the expression text. */
  readonly offset: number;
}

const near = (text: string, offset: number): string => {
  const rest = text.slice(offset).trim();
  return rest ? `at \`${rest.length > 24 ? `${rest.slice(0, 24)}…` : rest}\`` : 'at the end';
};

/** Why GitLab refuses an unknown lexeme, when the usual mistakes explain it. */
function unknownLexeme(text: string, offset: number): string {
  const rest = text.slice(offset);
  if (/^\$\{\w*\}?/.test(rest)) return `\${VAR} is not allowed in expressions, write $VAR (${near(text, offset)})`;
  if (/^["']/.test(rest)) return `a string is not closed on its line (${near(text, offset)})`;
  if (rest.startsWith('/')) return `a /regular expression/ is not closed, or is empty (${near(text, offset)})`;
  if (/^=(?![=~])/.test(rest)) return `\`=\` is not an operator: compare with == or =~ (${near(text, offset)})`;
  if (/^!(?![=~])/.test(rest)) return `\`!\` is not an operator: compare with != or !~ (${near(text, offset)})`;
  if (/^[&|](?![&|])/.test(rest)) return `single \`${rest[0]}\` is not an operator: use && or || (${near(text, offset)})`;
  if (/^\w/.test(rest)) return `a text value must be quoted, and a variable starts with $ (${near(text, offset)})`;
  return `unexpected character \`${rest[0]}\` (${near(text, offset)})`;
}

function tokenize(text: string): Token[] | ExpressionProblem {
  const tokens: Token[] = [];
  let offset = 0;
  for (let count = 0; count < MAX_EXPRESSION_TOKENS; count++) {
    offset += /^[ \t\r\n\f\v]*/.exec(text.slice(offset))?.[0].length ?? 0;
    if (offset >= text.length) return tokens;
    let found: Token | undefined;
    for (const lexeme of LEXEMES) {
      const match = lexeme.pattern.exec(text.slice(offset));
      if (match) {
        found = { kind: lexeme.kind, text: match[0], offset, precedence: lexeme.precedence };
        break;
      }
    }
    if (!found) return { message: unknownLexeme(text, offset), offset };
    const bad = found.text.startsWith('/') ? badPattern(found.text) : undefined;
    if (bad) return { message: `invalid regular expression ${found.text}: ${bad}`, offset };
    tokens.push(found);
    offset += found.text.length;
  }
  return { message: `more than ${MAX_EXPRESSION_TOKENS - 1} tokens: GitLab reads at most that many`, offset };
}

/**
 * Why a `/pattern/` would not compile, as far as JavaScript can tell RE2's verdict: RE2-only
 * syntax (`(?P<name>`, `(?i)`) is not judged, since JavaScript refuses what RE2 accepts there.
 */
function badPattern(token: string): string | undefined {
  const body = token.slice(1, token.lastIndexOf('/')).replace(/\\\//g, '/');
  if (body.includes('(?')) return undefined;
  try {
    new RegExp(body);
    return undefined;
  } catch (error) {
    return errorMessage(error).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

/** GitLab's verdict (Parser#tree through Statement#valid?): true when it builds one tree. */
function gitLabAccepts(tokens: readonly Token[]): boolean {
  if (!tokens.length) return false;
  const output: Token[] = [];
  const operators: Token[] = [];
  const consumes = (token: Token, other: Token | undefined): boolean => other !== undefined && token.precedence >= other.precedence;
  for (const token of tokens) {
    if (token.kind === 'value') output.push(token);
    else if (token.kind === 'operator') {
      while (consumes(token, operators[operators.length - 1])) output.push(operators.pop() as Token);
      operators.push(token);
    } else if (token.kind === 'open') operators.push(token);
    else {
      while (consumes(token, operators[operators.length - 1])) output.push(operators.pop() as Token);
      if (!operators.length) return false;
      if (operators[operators.length - 1]?.kind === 'open') operators.pop();
    }
  }
  output.push(...operators.reverse());
  let depth = 0;
  for (const token of output) {
    if (token.kind === 'value') depth++;
    else if (token.kind === 'operator' && depth >= 2) depth--;
    else return false;
  }
  return depth === 1;
}

const describe = (token: Token | undefined): string => (token ? `\`${token.text}\`` : 'the end');

/** The usual infix reading: operand (operator operand)*, an operand a value or a parenthesised expression. */
function infixProblem(text: string, tokens: readonly Token[]): ExpressionProblem | undefined {
  let index = 0;
  const at = (token: Token | undefined): number => token?.offset ?? text.length;
  const expression = (): ExpressionProblem | undefined => {
    for (;;) {
      const token = tokens[index];
      if (token?.kind === 'value') index++;
      else if (token?.kind === 'open') {
        index++;
        const inner = expression();
        if (inner) return inner;
        const close = tokens[index];
        if (close?.kind !== 'close') return { message: `expected \`)\` to close the \`(\`, found ${describe(close)}`, offset: at(close) };
        index++;
      } else {
        const after = tokens[index - 1];
        const what = 'a $VARIABLE, a "string", a /regex/, null or `(`';
        return { message: `expected ${what}${after ? ` after \`${after.text}\`` : ''}, found ${describe(token)}`, offset: at(token) };
      }
      const next = tokens[index];
      if (next?.kind !== 'operator') return undefined;
      index++;
    }
  };
  const problem = expression();
  if (problem) return problem;
  const extra = tokens[index];
  if (!extra) return undefined;
  const message = extra.kind === 'close' ? 'a `)` closes nothing' : `expected an operator (==, !=, =~, !~, &&, ||) before ${describe(extra)}`;
  return { message, offset: extra.offset };
}

/** The expression's tokens when GitLab accepts it (for evaluating it), else undefined. */
export function acceptedTokens(text: string): readonly ExpressionToken[] | undefined {
  const tokens = tokenize(text);
  return Array.isArray(tokens) && gitLabAccepts(tokens) ? tokens : undefined;
}

export type ExpressionToken = Token;

/** Verdicts by expression text: the same `rules: - if:` recur in most jobs (through `extends`, anchors, `!reference`). Bounded. */
const verdicts = new Map<string, ExpressionProblem | null>();
const VERDICTS_MAX = 5_000;

/** Why GitLab refuses the expression, or undefined when it accepts it. */
export function expressionProblem(text: string): ExpressionProblem | undefined {
  const known = verdicts.get(text);
  if (known !== undefined) return known ?? undefined;
  const problem = judge(text);
  if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
  if (text.length < 2_000) verdicts.set(text, problem ?? null);
  return problem;
}

function judge(text: string): ExpressionProblem | undefined {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  if (gitLabAccepts(tokens)) return undefined;
  if (!tokens.length) return { message: 'the expression is empty', offset: 0 };
  return infixProblem(text, tokens) ?? { message: 'GitLab cannot build one condition from it', offset: 0 };
}
