// Organisation defaults: the reference customer's details (domain.md §8.5, from its privacy
// statement). Every value can be overridden by configuration.
export const DEFAULT_ORGANISATION = {
  name: 'Stichting Nederlands Migratie Instituut',
  address: 'Catharijnesingel 50, 3511 GC Utrecht',
  email: 'nmi@nmigratie.nl',
  phone: '', // not in the privacy statement: set ORG_PHONE
  dpoName: 'Functionaris gegevensbescherming NMI',
  dpoEmail: 'nmi@nmigratie.nl',
  commissioningParty: 'Ministerie van Sociale Zaken en Werkgelegenheid (SZW)',
} as const;
