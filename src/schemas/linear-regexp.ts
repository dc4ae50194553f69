import { RE2JS } from 're2js';

/*
 * The `pattern` keywords of a definition, run in time linear in the answer's length (Node only: the
 * gateway and the definition checker, through ajv.ts). V8's own engine backtracks: a careless pattern
 * such as `^([A-Za-z]+\s?)+$` takes seconds for 30 characters and minutes for 40, and the gateway
 * checks every answer it receives, so one anonymous request would stall it for every citizen. RE2
 * (re2js, a pure-JavaScript port of Google's RE2) never backtracks. It has no lookaround and no
 * backreferences; the checker refuses those (check-rules.ts), so a published form never needs them.
 *
 * The browser keeps its own engine: a slow pattern there stalls only the page of the person typing,
 * and patterns must decide alike in both places. ECMAScript and RE2 read three things differently, so
 * they are written out here as ECMAScript means them:
 * - `\s`: ECMAScript also counts U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
 *   and U+FEFF as white space (a no-break space pasted from a word processor); RE2 only ASCII;
 * - `\S`: the rest, accordingly;
 * - `.`: ECMAScript matches anything but \n, \r, U+2028 and U+2029; RE2 anything but \n.
 * And `[]` (nothing) and `[^]` (anything), which RE2 reads as the start of a class holding `]`, and
 * `[\b]` (a backspace), which RE2 does not know.
 */

/** ECMAScript's white space and line terminators, as RE2 class ranges. */
const SPACE = String.raw`\t\n\x{b}\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`;
/** Every code point that is not in SPACE. */
const NOT_SPACE = String.raw`\x{0}-\x{8}\x{e}-\x{1f}!-\x{9f}\x{a1}-\x{167f}\x{1681}-\x{1fff}\x{200b}-\x{2027}\x{202a}-\x{202e}\x{2030}-\x{205e}\x{2060}-\x{2fff}\x{3001}-\x{fefe}\x{ff00}-\x{10ffff}`;
const DOT = String.raw`[^\n\r\x{2028}\x{2029}]`;
const ANYTHING = String.raw`[\x{0}-\x{10ffff}]`;
const NOTHING = String.raw`[^\x{0}-\x{10ffff}]`;

/** A pattern in ECMAScript syntax (as JSON Schema writes it, with the `u` flag) as RE2 reads it alike. */
export function toRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (next === 'S') out += inClass ? NOT_SPACE : `[${NOT_SPACE}]`;
      else if (next === 'b' && inClass)
        out += String.raw`\x{8}`; // backspace in a class, as in ECMAScript
      else out += c + next;
    } else if (inClass) {
      if (c === ']') inClass = false;
      // A `[` inside a class is a character in ECMAScript; RE2 would read `[:alpha:]` as a POSIX class.
      out += c === '[' ? '\\[' : c;
    } else if (c === '[') {
      if (pattern.startsWith('[]', i)) {
        out += NOTHING;
        i += 1;
      } else if (pattern.startsWith('[^]', i)) {
        out += ANYTHING;
        i += 2;
      } else {
        inClass = true;
        out += c;
        // A `]` or `^]` right after the opening bracket is taken care of above: ECMAScript ends the
        // class there. Everything else inside is copied up to the closing bracket.
        if (pattern[i + 1] === '^') {
          out += '^';
          i++;
        }
      }
    } else if (c === '.') out += DOT;
    else out += c;
  }
  return RE2JS.translateRegExp(out);
}

/** What Ajv's `code.regExp` expects: an object with `test`, and a `toString` Ajv uses as its cache key. */
export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/**
 * The pattern as a linear-time matcher with RegExp's `test` (a match anywhere, as JSON Schema's
 * `pattern` asks). Throws, naming the pattern, when RE2 cannot run it (lookaround, backreferences).
 */
export function linearRegExp(pattern: string): LinearRegExp {
  let re: RE2JS;
  try {
    re = RE2JS.compile(toRe2(pattern));
  } catch (error) {
    throw new SyntaxError(
      `the pattern ${JSON.stringify(pattern)} cannot be checked in linear time (RE2): ${(error as Error).message}`,
    );
  }
  return { test: (text) => re.test(text), toString: () => `/${pattern}/u` };
}

/** Why RE2 cannot run the pattern, or undefined when it can. */
export function linearPatternError(pattern: string): string | undefined {
  try {
    linearRegExp(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^.*\(RE2\): /, '');
  }
}
