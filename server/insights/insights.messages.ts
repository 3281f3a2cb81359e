// UI texts of the insights page (issue 17), Dutch first, English complete.
import { defineMessages } from '../i18n/define-messages.js';

export const insightsMessages = defineMessages(
  {
    'insights.nav': 'Inzicht',
    'insights.title': 'Inzicht in het register',
    'insights.intro':
      'Cijfers over de meldingen van één jaar, met bij elke grafiek de getallen in een tabel.',
    'insights.year': 'Jaar',
    'insights.show': 'Tonen',
    'insights.yearInvalid': 'Kies een jaar tussen 2000 en 2100.',
    'insights.perMonth.title': 'Incidenten per maand',
    'insights.perMonth.summary':
      'In {year} zijn {total} incidenten ontdekt; de drukste maand was {busiest} met {most}.',
    'insights.perMonth.none': 'In {year} zijn geen incidenten ontdekt.',
    'insights.col.month': 'Maand',
    'insights.col.count': 'Aantal',
    'insights.col.span': 'Tijd',
    'insights.awareness.title': 'Van ontdekking tot kennisname',
    'insights.awareness.summary':
      '{over} van de {total} incidenten werden later dan 72 uur na ontdekking vastgesteld als bekend.',
    'insights.awareness.late': 'Later dan 72 uur',
    'insights.awareness.under24': 'Binnen 24 uur',
    'insights.awareness.under48': '24 tot 48 uur',
    'insights.awareness.under72': '48 tot 72 uur',
    'insights.awareness.over72': 'Meer dan 72 uur',
    'insights.awareness.unknown': 'Nog niet vastgesteld',
    'insights.download': 'Cijfers downloaden (CSV)',
  },
  {
    'insights.nav': 'Insights',
    'insights.title': 'Insights into the register',
    'insights.intro': 'Figures on the reports of one year, each chart with its numbers in a table.',
    'insights.year': 'Year',
    'insights.show': 'Show',
    'insights.yearInvalid': 'Choose a year between 2000 and 2100.',
    'insights.perMonth.title': 'Incidents per month',
    'insights.perMonth.summary':
      'In {year}, {total} incidents were discovered; the busiest month was {busiest} with {most}.',
    'insights.perMonth.none': 'No incidents were discovered in {year}.',
    'insights.col.month': 'Month',
    'insights.col.count': 'Number',
    'insights.col.span': 'Time',
    'insights.awareness.title': 'From discovery to awareness',
    'insights.awareness.summary':
      '{over} of the {total} incidents were recorded as known more than 72 hours after discovery.',
    'insights.awareness.late': 'Later than 72 hours',
    'insights.awareness.under24': 'Within 24 hours',
    'insights.awareness.under48': '24 to 48 hours',
    'insights.awareness.under72': '48 to 72 hours',
    'insights.awareness.over72': 'More than 72 hours',
    'insights.awareness.unknown': 'Not yet recorded',
    'insights.download': 'Download figures (CSV)',
  },
);
