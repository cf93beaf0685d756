/** Parses `WWW-Authenticate` headers (RFC 9110 §11.6.1): one or more challenges with parameters. */

export interface AuthChallenge {
  /** Lowercase scheme: "basic", "bearer". */
  scheme: string;
  /** Lowercase parameter names → values (quoted strings unescaped). */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** All challenges of a header value; never throws (malformed parts are skipped). */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let s = header ?? "";
  let current: AuthChallenge | undefined;
  const skip = () => {
    s = s.replace(/^[\s,]+/, "");
  };
  skip();
  while (s.length > 0) {
    const name = TOKEN.exec(s)?.[0];
    if (!name) {
      s = s.slice(1); // junk character
      skip();
      continue;
    }
    const after = s.slice(name.length);
    const param = /^\s*=\s*/.exec(after);
    if (current && param) {
      s = after.slice(param[0].length);
      let value: string;
      if (s.startsWith('"')) {
        let i = 1;
        value = "";
        while (i < s.length && s[i] !== '"') {
          if (s[i] === "\\" && i + 1 < s.length) i++;
          value += s[i];
          i++;
        }
        s = s.slice(i + 1);
      } else {
        value = /^[^,\s]*/.exec(s)?.[0] ?? "";
        s = s.slice(value.length);
      }
      current.params[name.toLowerCase()] = value;
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      s = after.replace(/^\s+/, "");
      const token68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(s);
      if (token68 && !/^[A-Za-z0-9._~+/-]+\s*=[^=]/.test(s)) s = s.slice(token68[0].length);
    }
    skip();
  }
  return challenges;
}
