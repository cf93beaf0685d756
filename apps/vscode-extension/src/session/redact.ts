/** Removes secrets from text before it is logged or shown: the token never reaches a log line. */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  // A bearer header that slipped into a message, whatever its value.
  return out.replace(/(authorization:\s*bearer\s+)\S+/gi, "$1[redacted]");
}
