// UI texts of the personal-data check on outgoing texts (NL default, EN complete).
import { defineMessages } from '../i18n/define-messages.js';

const nl = {
  'privacy.kind.bsn': 'Burgerservicenummer',
  'privacy.kind.iban': 'Bankrekeningnummer',
  'privacy.kind.email': 'E-mailadres',
  'privacy.kind.phone': 'Telefoonnummer',
  'privacy.kind.birthDate': 'Geboortedatum',
  'privacy.kind.name': 'Naam van een betrokkene',
  'privacy.flags.title': 'Mogelijk persoonsgegevens in deze tekst',
  'privacy.flags.summary':
    'In de teksten staat iets wat op persoonsgegevens lijkt ({count} keer). Haal het weg, of bevestig hieronder dat het erin hoort.',
  'privacy.confirm.label':
    'Ik heb de gemarkeerde gegevens bekeken: ze horen in deze tekst en ik wil hem toch zo versturen.',
  'privacy.confirmRequired':
    'De tekst bevat mogelijk persoonsgegevens. Haal ze weg of bevestig dat ze erin horen.',
  'privacy.confirmStale':
    'De tekst is veranderd sinds je de gemarkeerde gegevens bevestigde. Bekijk de markeringen opnieuw en bevestig nog eens.',
  'field.placeholderLeft':
    'Deze tekst bevat nog een invulplek tussen [[ en ]]. Schrijf de tekst zelf en haal de invulplek weg.',
};

const en: Record<keyof typeof nl, string> = {
  'privacy.kind.bsn': 'Citizen service number (BSN)',
  'privacy.kind.iban': 'Bank account number (IBAN)',
  'privacy.kind.email': 'E-mail address',
  'privacy.kind.phone': 'Phone number',
  'privacy.kind.birthDate': 'Date of birth',
  'privacy.kind.name': 'Name of an affected person',
  'privacy.flags.title': 'Possibly personal data in this text',
  'privacy.flags.summary':
    'The texts contain something that looks like personal data ({count} times). Remove it, or confirm below that it belongs there.',
  'privacy.confirm.label':
    'I have reviewed the marked data: it belongs in this text and I want to send it like this.',
  'privacy.confirmRequired':
    'The text may contain personal data. Remove it or confirm that it belongs there.',
  'privacy.confirmStale':
    'The text changed since you confirmed the marked data. Review the marks again and confirm once more.',
  'field.placeholderLeft':
    'This text still contains a placeholder between [[ and ]]. Write the text yourself and remove the placeholder.',
};

export const privacyMessages = defineMessages(nl, en);
