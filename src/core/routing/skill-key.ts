/**
 * A skill name as people type it, for finding the skill it names: NFKC (ＥＮ = EN, ｶﾅ = カナ), trimmed
 * and case-folded. Skill names are unique per tenant as stored; this only forgives the typing.
 */
export function skillKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}
