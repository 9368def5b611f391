/** Whether `s[from, to)` is `text`, compared in place (names are short: a loop beats a call). */
export function sameText(s: string, from: number, to: number, text: string): boolean {
  if (to - from !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (s.charCodeAt(from + k) !== text.charCodeAt(k)) return false;
  return true;
}
