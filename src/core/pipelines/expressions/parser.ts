/**
 * Recursive-descent parser for GitHub Actions expressions. Precedence, loosest first:
 * `||`, `&&`, `==`/`!=`, `<`/`<=`/`>`/`>=`, `!`, then property, index and filter access.
 * Never throws: a syntax error yields no tree and one problem. Input longer than
 * MAX_EXPRESSION_LENGTH or nested deeper than MAX_EXPRESSION_DEPTH is refused as a `limit`
 * problem, so pathological input costs milliseconds and never overflows the stack.
 */
import type { BinaryOperator, Expr, ExprProblem } from './ast';
import { lex, type Token, type TokenType } from './lexer';
import { errorMessage } from '../../errors';

/** GitHub's own limit on the length of one expression. */
export const MAX_EXPRESSION_LENGTH = 21_000;
/** How deeply groups, calls, `!` and the tree itself may nest. */
export const MAX_EXPRESSION_DEPTH = 200;

export interface ParseResult {
  readonly expr: Expr | undefined;
  readonly problems: ExprProblem[];
}

class SyntaxFailure {
  constructor(readonly problem: ExprProblem) {}
}

export function parseExpression(source: string): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return fail({
      code: 'limit',
      message: `The expression is ${source.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`,
      start: 0,
      end: source.length,
      severity: 'error',
    });
  }
  try {
    const lexed = lex(source);
    if (lexed.problem) return fail(lexed.problem);
    if (lexed.tokens.length === 1) {
      return fail({ code: 'syntax', message: 'The expression is empty.', start: 0, end: source.length, severity: 'error' });
    }
    return { expr: new Parser(lexed.tokens).parseAll(), problems: [] };
  } catch (error) {
    if (error instanceof SyntaxFailure) return fail(error.problem);
    // A stack overflow or any other surprise still becomes a problem, never an exception.
    const message = errorMessage(error);
    return fail({ code: 'limit', message: `The expression could not be parsed (${message}).`, start: 0, end: source.length, severity: 'error' });
  }
}

const fail = (problem: ExprProblem): ParseResult => ({ expr: undefined, problems: [problem] });

const COMPARISON: readonly TokenType[] = ['<', '<=', '>', '>='];
const EQUALITY: readonly TokenType[] = ['==', '!='];

class Parser {
  private position = 0;
  private nesting = 0;
  /** Tree depth of each node built so far, to refuse trees the walkers could not recurse through. */
  private readonly depths = new WeakMap<Expr, number>();

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expr {
    const expr = this.expression();
    const extra = this.peek();
    if (extra.type !== 'eof') {
      throw this.error(extra.type === ')' ? 'Unexpected ")": it closes nothing.' : `Unexpected ${describe(extra)} after the end of the expression.`, extra);
    }
    return expr;
  }

  private expression(): Expr {
    this.enter();
    const expr = this.binary(0);
    this.nesting--;
    return expr;
  }

  // Levels: 0 `||`, 1 `&&`, 2 equality, 3 comparison; all left-associative.
  private binary(level: number): Expr {
    if (level > 3) return this.unary();
    const operators: readonly TokenType[] = level === 0 ? ['||'] : level === 1 ? ['&&'] : level === 2 ? EQUALITY : COMPARISON;
    let left = this.binary(level + 1);
    while (operators.includes(this.peek().type)) {
      const operator = this.advance().type as BinaryOperator;
      const right = this.binary(level + 1);
      left = this.node({ kind: 'binary', operator, left, right, start: left.start, end: right.end }, [left, right]);
    }
    return left;
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.type !== '!') return this.postfix();
    this.advance();
    this.enter();
    const operand = this.unary();
    this.nesting--;
    return this.node({ kind: 'not', operand, start: token.start, end: operand.end }, [operand]);
  }

  private postfix(): Expr {
    const first = this.peek();
    const { expr: primary, accessible } = this.primary();
    if (!accessible) return primary;
    let expr = primary;
    const start = first.start; // includes an opening parenthesis
    for (;;) {
      const token = this.peek();
      if (token.type === '.') {
        this.advance();
        const name = this.peek();
        if (name.type === '*') {
          this.advance();
          expr = this.node({ kind: 'filter', receiver: expr, start, end: name.end }, [expr]);
        } else if (name.type === 'ident') {
          this.advance();
          expr = this.node({ kind: 'property', receiver: expr, name: name.text, nameStart: name.start, start, end: name.end }, [expr]);
        } else {
          throw this.error(`Expected a property name or "*" after ".", found ${describe(name)}.`, name);
        }
      } else if (token.type === '[') {
        this.advance();
        if (this.peek().type === '*') {
          this.advance();
          const close = this.expect(']', token);
          expr = this.node({ kind: 'filter', receiver: expr, start, end: close.end }, [expr]);
        } else {
          const index = this.expression();
          const close = this.expect(']', token);
          expr = this.node({ kind: 'index', receiver: expr, index, start, end: close.end }, [expr, index]);
        }
      } else {
        return expr;
      }
    }
  }

  /** A primary expression; `accessible` tells whether `.`/`[` may follow (GitHub allows them after names, calls and groups only). */
  private primary(): { expr: Expr; accessible: boolean } {
    const token = this.advance();
    switch (token.type) {
      case 'true':
      case 'false':
        return { expr: { kind: 'literal', value: token.type === 'true', start: token.start, end: token.end }, accessible: false };
      case 'null':
        return { expr: { kind: 'literal', value: null, start: token.start, end: token.end }, accessible: false };
      case 'number':
        return { expr: { kind: 'literal', value: token.value ?? null, text: token.text, start: token.start, end: token.end }, accessible: false };
      case 'string':
        return { expr: { kind: 'literal', value: token.value ?? null, start: token.start, end: token.end }, accessible: false };
      case '(': {
        const inner = this.expression();
        this.expect(')', token);
        return { expr: inner, accessible: true };
      }
      case 'ident': {
        if (this.peek().type !== '(') return { expr: { kind: 'context', name: token.text, start: token.start, end: token.end }, accessible: true };
        const open = this.advance();
        this.enter();
        const args: Expr[] = [];
        if (this.peek().type !== ')') {
          for (;;) {
            args.push(this.expression());
            if (this.peek().type !== ',') break;
            this.advance();
          }
        }
        const close = this.expect(')', open);
        this.nesting--;
        const call: Expr = { kind: 'call', name: token.text, nameEnd: token.end, args, start: token.start, end: close.end };
        return { expr: this.node(call, args), accessible: true };
      }
      case 'eof':
        throw this.error('Unexpected end of expression.', token);
      default:
        throw this.error(`Unexpected ${describe(token)}.`, token);
    }
  }

  private node(expr: Expr, children: readonly Expr[]): Expr {
    let depth = 1;
    for (const child of children) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1);
    if (depth > MAX_EXPRESSION_DEPTH) throw this.limit(expr.start);
    this.depths.set(expr, depth);
    return expr;
  }

  private enter(): void {
    this.nesting++;
    if (this.nesting > MAX_EXPRESSION_DEPTH) throw this.limit(this.peek().start);
  }

  private expect(type: TokenType, opener: Token): Token {
    const token = this.peek();
    if (token.type === type) return this.advance();
    const what = token.type === 'eof' ? 'the end of the expression' : describe(token);
    throw this.error(`Expected "${type}" to close the "${opener.text}" at offset ${opener.start}, found ${what}.`, token);
  }

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.position++;
    return token;
  }

  private error(message: string, token: Token): SyntaxFailure {
    return new SyntaxFailure({ code: 'syntax', message, start: token.start, end: Math.max(token.end, token.start), severity: 'error' });
  }

  private limit(at: number): SyntaxFailure {
    return new SyntaxFailure({
      code: 'limit',
      message: `The expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep.`,
      start: at,
      end: at + 1,
      severity: 'error',
    });
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'end of expression';
    case 'ident':
      return `name "${token.text}"`;
    case 'number':
      return `number ${token.text}`;
    case 'string':
      return `string ${token.text.length > 30 ? `${token.text.slice(0, 27)}...` : token.text}`;
    default:
      return `"${token.text}"`;
  }
}
