// UI texts of evidence attachments (Dutch first, English complete).
import { defineMessages } from '../i18n/define-messages.js';

export const attachmentsMessages = defineMessages(
  {
    'attachments.title': 'Bijlagen (bewijs)',
    'attachments.none': 'Er zijn nog geen bijlagen.',
    'attachments.file': 'Bestand toevoegen',
    'attachments.hint':
      'Maximaal {maxMb} MB per bestand. Toegestaan: {allowed}. Bestanden worden versleuteld opgeslagen.',
    'attachments.upload': 'Bijlage uploaden',
    'attachments.uploaded': 'De bijlage {filename} is toegevoegd.',
    'attachments.error.title': 'De bijlage is niet toegevoegd',
    'attachments.error.noFile': 'Kies eerst een bestand.',
    'attachments.error.type': 'Dit bestandstype is niet toegestaan. Toegestaan zijn: {allowed}.',
    'attachments.error.content':
      'De inhoud van het bestand past niet bij de extensie. Controleer het bestand en probeer het opnieuw.',
    'attachments.error.empty': 'Het bestand is leeg.',
    'attachments.error.tooLarge': 'Het bestand is groter dan {maxMb} MB. Verklein het of stuur het in delen.',
    'attachments.error.name': 'De bestandsnaam is niet bruikbaar. Geef het bestand een andere naam.',
  },
  {
    'attachments.title': 'Attachments (evidence)',
    'attachments.none': 'There are no attachments yet.',
    'attachments.file': 'Add a file',
    'attachments.hint': 'At most {maxMb} MB per file. Allowed: {allowed}. Files are stored encrypted.',
    'attachments.upload': 'Upload attachment',
    'attachments.uploaded': 'The attachment {filename} has been added.',
    'attachments.error.title': 'The attachment was not added',
    'attachments.error.noFile': 'Please choose a file first.',
    'attachments.error.type': 'This file type is not allowed. Allowed are: {allowed}.',
    'attachments.error.content':
      'The content of the file does not match its extension. Check the file and try again.',
    'attachments.error.empty': 'The file is empty.',
    'attachments.error.tooLarge': 'The file is larger than {maxMb} MB. Make it smaller or send it in parts.',
    'attachments.error.name': 'The file name cannot be used. Please rename the file.',
  },
);
