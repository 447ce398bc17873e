/**
 * Text made safe for a one-line message: CR, LF and every other control character (ANSI escapes
 * included) written as a visible escape (`\n`, `\r`, `\t`, `\u001b`), so a provider's or GitHub's text
 * can neither break the line nor start a new one that a CI runner would read as a workflow command.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
