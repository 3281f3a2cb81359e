// The assessment form as the tests' privacy officer fills it in for their most common breach, the
// worked example of domain.md §7.7: a mail with 40 clients' names, ID and financial data sent to a
// known wrong recipient, not malicious, readable. Tests add the times and what they vary.
export function workedExampleForm(): Record<string, string | string[]> {
  return {
    incidentCause: 'email_wrong_recipient',
    incidentNature: ['read'],
    breachTypes: ['confidentiality'],
    personalDataInvolved: 'yes',
    dataCategories: ['name_address', 'national_id', 'financial'],
    subjectCategories: ['clients'],
    subjectsCountMin: '40',
    subjectsCountMax: '40',
    confidentialityScope: 'known_recipients',
    malicious: 'no',
    unintelligibility: 'none',
    easeOfIdentification: 'maximum',
    dpcAdjustment: '0',
    art34Exception: 'none',
  };
}
