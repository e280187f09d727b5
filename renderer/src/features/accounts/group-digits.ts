/** Groups digits for reading: 123 456, 1234 5678, 12345 67890. */
export function groupDigits(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length >= 6 ? `${code.slice(0, half)} ${code.slice(half)}` : code;
}
