/**
 * The sections of API-additions.graphql whose issue has been worked on, and so are binding.
 * Add a section's title here (the text between `── ` and ` ──`) in the commit that starts
 * implementing it; sections nobody has started stay out of the contract test.
 */
export const IMPLEMENTED_ADDITION_SECTIONS: readonly string[] = [
  'hardening',
  'dashboard',
  'claims at scale',
  'recurring rewards, player time zones, test clock',
  'structure: two new challenge types (issue "One class per challenge for real …")',
  'structure: API ergonomics (same issue)',
  'ledger, revocation, audit trail',
];

/** Splits the additions file into its sections, keyed by title. */
export function additionSections(source: string): Map<string, string> {
  const sections = new Map<string, string>();
  let title: string | null = null;
  let lines: string[] = [];
  for (const line of source.split('\n')) {
    const header = /^# ── (.+?) ──\s*$/.exec(line);
    if (header) {
      if (title !== null) sections.set(title, lines.join('\n'));
      title = header[1] ?? '';
      lines = [];
    } else if (title !== null) {
      lines.push(line);
    }
  }
  if (title !== null) sections.set(title, lines.join('\n'));
  return sections;
}
